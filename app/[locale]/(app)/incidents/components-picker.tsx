"use client";
import { useT } from "@/lib/i18n/client";
import { inputClass } from "@/components/form";
import { AFFECTED_STATUSES } from "@/lib/incidents";

export type Affected = Record<number, (typeof AFFECTED_STATUSES)[number] | "">;
export interface PickableComponent {
  id: number;
  nameEn: string;
  nameRu: string;
}

/** One select per component: not affected, or how it is doing. */
export function ComponentsPicker({
  idPrefix,
  components,
  value,
  onChange,
  errors,
}: {
  idPrefix: string;
  components: PickableComponent[];
  value: Affected;
  onChange: (v: Affected) => void;
  errors?: string[];
}) {
  const { t, locale } = useT();
  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? `${idPrefix}-error` : undefined}>
      <legend className="text-sm font-semibold text-slate-800">{t("incidents.field.components")}</legend>
      <p className="text-xs text-slate-600">{t("incidents.field.components.hint")}</p>
      <div className="grid gap-2 sm:grid-cols-2">
        {components.map((c) => (
          <div key={c.id} className="flex items-center gap-2">
            <label htmlFor={`${idPrefix}-${c.id}`} className="w-40 shrink-0 truncate text-sm">
              {locale === "ru" ? c.nameRu : c.nameEn}
            </label>
            <select
              id={`${idPrefix}-${c.id}`}
              className={inputClass}
              value={value[c.id] ?? ""}
              onChange={(e) => onChange({ ...value, [c.id]: e.target.value as Affected[number] })}
            >
              <option value="">{t("incidents.field.notAffected")}</option>
              {AFFECTED_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`incidents.component.${s}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {errors?.length ? (
        <p id={`${idPrefix}-error`} role="alert" className="text-sm font-medium text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

export function affectedList(value: Affected) {
  return Object.entries(value)
    .filter(([, s]) => s !== "")
    .map(([id, s]) => ({ componentId: Number(id), status: s as (typeof AFFECTED_STATUSES)[number] }));
}
