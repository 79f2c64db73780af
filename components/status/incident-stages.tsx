import type { IncidentStatus } from "@/server/db/schema";
import type { Translator } from "@/lib/i18n";
import { INCIDENT_STATUSES } from "@/lib/incidents";

const STAGES: readonly IncidentStatus[] = INCIDENT_STATUSES;

/** Investigating → Identified → Monitoring → Resolved, with the current stage marked for screen readers too. */
export function IncidentStages({ current, reached, t }: { current: IncidentStatus; reached: Set<IncidentStatus>; t: Translator }) {
  const at = STAGES.indexOf(current);
  return (
    <div role="group" aria-label={t("status.incident.stages")}>
      <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {STAGES.map((s, i) => {
          const done = i < at || reached.has(s);
          const isCurrent = s === current;
          return (
            <li
              key={s}
              aria-current={isCurrent ? "step" : undefined}
              className={`rounded-md border px-3 py-2 text-center text-sm font-semibold ${
                isCurrent
                  ? "border-blue-700 bg-blue-700 text-white"
                  : done
                    ? "border-blue-200 bg-blue-50 text-blue-900"
                    : "border-slate-200 bg-white text-slate-600"
              }`}
            >
              <span aria-hidden="true">{done && !isCurrent ? "✓ " : ""}</span>
              {t(`status.stage.${s}`)}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
