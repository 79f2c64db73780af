"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { FormButtons, useCloseEdit, useFocusFirstInvalid } from "./edit-disclosure";

/** `datetime-local` values are read as UTC, like every time the staff pages show. */
const fromInput = (v: string) => (v ? Date.parse(`${v}:00Z`) : NaN);
const toInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

export interface MaintenanceValues {
  id: number;
  title: string;
  body: string;
  startsAt: number;
  endsAt: number;
  componentIds: number[];
}

const EMPTY = { title: "", body: "", startsAt: "", endsAt: "", componentIds: [] as number[] };

/** Schedules a window, or edits `maintenance` (a scheduled or running one, inside an edit panel). */
export function MaintenanceForm({
  components,
  maintenance,
}: {
  components: { id: number; name: string }[];
  maintenance?: MaintenanceValues;
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const close = useCloseEdit();
  const ref = useRef<HTMLFormElement>(null);
  const schedule = useMutation(trpc.status.maintenance.schedule.mutationOptions());
  const edit = useMutation(trpc.status.maintenance.edit.mutationOptions());
  const active = maintenance ? edit : schedule;
  const errors = fieldErrorsOf(active.error);
  useFocusFirstInvalid(ref, active.error);
  const [form, setForm] = useState(() =>
    maintenance
      ? {
          title: maintenance.title,
          body: maintenance.body,
          startsAt: toInput(maintenance.startsAt),
          endsAt: toInput(maintenance.endsAt),
          componentIds: maintenance.componentIds,
        }
      : EMPTY,
  );
  const prefix = maintenance ? `maint-${maintenance.id}` : "maint";

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const startsAt = fromInput(form.startsAt);
    const endsAt = fromInput(form.endsAt);
    const input = { ...form, startsAt: Number.isFinite(startsAt) ? startsAt : -1, endsAt: Number.isFinite(endsAt) ? endsAt : -1 };
    if (maintenance)
      edit.mutate(
        { id: maintenance.id, ...input },
        {
          onSuccess: () => {
            router.refresh();
            close?.();
          },
        },
      );
    else
      schedule.mutate(input, {
        onSuccess: () => {
          setForm(EMPTY);
          router.refresh();
        },
      });
  }
  const toggle = (id: number, on: boolean) =>
    setForm({ ...form, componentIds: on ? [...form.componentIds, id] : form.componentIds.filter((c) => c !== id) });

  return (
    <form ref={ref} onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={formErrorOf(active.error, t("common.error"))} />
      <Field id={`${prefix}-title`} label={t("incidents.maint.field.title")} errors={errors?.title}>
        {(a) => <input {...a} className={inputClass} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
      </Field>
      <Field id={`${prefix}-body`} label={t("incidents.maint.field.body")} errors={errors?.body}>
        {(a) => (
          <textarea {...a} rows={3} className={inputClass} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
        )}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${prefix}-startsAt`} label={t("incidents.maint.field.startsAt")} errors={errors?.startsAt}>
          {(a) => (
            <input
              {...a}
              type="datetime-local"
              className={inputClass}
              value={form.startsAt}
              onChange={(e) => setForm({ ...form, startsAt: e.target.value })}
            />
          )}
        </Field>
        <Field id={`${prefix}-endsAt`} label={t("incidents.maint.field.endsAt")} errors={errors?.endsAt}>
          {(a) => (
            <input
              {...a}
              type="datetime-local"
              className={inputClass}
              value={form.endsAt}
              onChange={(e) => setForm({ ...form, endsAt: e.target.value })}
            />
          )}
        </Field>
      </div>
      <fieldset aria-describedby={errors?.componentIds ? `${prefix}-components-error` : undefined}>
        <legend className="text-sm font-semibold text-slate-800">{t("incidents.maint.field.components")}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {components.map((c) => (
            <div key={c.id} className="flex items-center gap-2">
              <input
                id={`${prefix}-c-${c.id}`}
                type="checkbox"
                className="h-4 w-4"
                checked={form.componentIds.includes(c.id)}
                onChange={(e) => toggle(c.id, e.target.checked)}
              />
              <label htmlFor={`${prefix}-c-${c.id}`} className="text-sm">
                {c.name}
              </label>
            </div>
          ))}
        </div>
        {errors?.componentIds && (
          <p id={`${prefix}-components-error`} role="alert" className="text-sm font-medium text-red-800">
            {errors.componentIds.join(" ")}
          </p>
        )}
      </fieldset>
      <FormButtons pending={active.isPending} createLabel={t("incidents.maint.submit")} />
    </form>
  );
}
