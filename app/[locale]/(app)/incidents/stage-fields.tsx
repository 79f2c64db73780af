"use client";
import { useT } from "@/lib/i18n/client";
import { Field, inputClass, type fieldErrorsOf } from "@/components/form";
import { INCIDENT_IMPACTS, OPEN_INCIDENT_STATUSES } from "@/lib/incidents";
import type { IncidentImpact } from "@/server/db/schema";

export type OpenIncidentStatus = (typeof OPEN_INCIDENT_STATUSES)[number];

/** The incident's stage and impact, side by side: the same two choices when it opens and at every update. */
export function StageFields({
  idPrefix,
  status,
  impact,
  onChange,
  errors,
}: {
  idPrefix: string;
  status: OpenIncidentStatus;
  impact: IncidentImpact;
  onChange: (next: { status: OpenIncidentStatus; impact: IncidentImpact }) => void;
  errors: ReturnType<typeof fieldErrorsOf>;
}) {
  const { t } = useT();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id={`${idPrefix}status`} label={t("incidents.field.status")} errors={errors?.status}>
        {(a) => (
          <select
            {...a}
            className={inputClass}
            value={status}
            onChange={(e) => onChange({ status: e.target.value as OpenIncidentStatus, impact })}
          >
            {OPEN_INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`incidents.status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${idPrefix}impact`} label={t("incidents.field.impact")} errors={errors?.impact}>
        {(a) => (
          <select
            {...a}
            className={inputClass}
            value={impact}
            onChange={(e) => onChange({ status, impact: e.target.value as IncidentImpact })}
          >
            {INCIDENT_IMPACTS.map((i) => (
              <option key={i} value={i}>
                {t(`incidents.impact.${i}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
