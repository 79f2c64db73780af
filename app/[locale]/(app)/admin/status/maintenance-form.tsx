"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";

/** `datetime-local` values are read as UTC, like every time the staff pages show. */
const fromInput = (v: string) => (v ? Date.parse(`${v}:00Z`) : NaN);

export function MaintenanceForm({ components }: { components: { id: number; name: string }[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const schedule = useMutation(trpc.status.maintenance.schedule.mutationOptions());
  const errors = fieldErrorsOf(schedule.error);
  const [form, setForm] = useState({ title: "", body: "", startsAt: "", endsAt: "", componentIds: [] as number[] });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const startsAt = fromInput(form.startsAt);
    const endsAt = fromInput(form.endsAt);
    schedule.mutate(
      { ...form, startsAt: Number.isFinite(startsAt) ? startsAt : -1, endsAt: Number.isFinite(endsAt) ? endsAt : -1 },
      { onSuccess: () => { setForm({ title: "", body: "", startsAt: "", endsAt: "", componentIds: [] }); router.refresh(); } },
    );
  }
  const toggle = (id: number, on: boolean) => setForm({ ...form, componentIds: on ? [...form.componentIds, id] : form.componentIds.filter((c) => c !== id) });

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={formErrorOf(schedule.error, t("common.error"))} />
      <Field id="maint-title" label={t("incidents.maint.field.title")} errors={errors?.title}>
        {(a) => <input {...a} className={inputClass} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
      </Field>
      <Field id="maint-body" label={t("incidents.maint.field.body")} errors={errors?.body}>
        {(a) => <textarea {...a} rows={3} className={inputClass} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="maint-startsAt" label={t("incidents.maint.field.startsAt")} errors={errors?.startsAt}>
          {(a) => <input {...a} type="datetime-local" className={inputClass} value={form.startsAt} onChange={(e) => setForm({ ...form, startsAt: e.target.value })} />}
        </Field>
        <Field id="maint-endsAt" label={t("incidents.maint.field.endsAt")} errors={errors?.endsAt}>
          {(a) => <input {...a} type="datetime-local" className={inputClass} value={form.endsAt} onChange={(e) => setForm({ ...form, endsAt: e.target.value })} />}
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">{t("incidents.maint.field.components")}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {components.map((c) => (
            <div key={c.id} className="flex items-center gap-2">
              <input id={`maint-c-${c.id}`} type="checkbox" className="h-4 w-4" checked={form.componentIds.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
              <label htmlFor={`maint-c-${c.id}`} className="text-sm">{c.name}</label>
            </div>
          ))}
        </div>
        {errors?.componentIds && <p role="alert" className="text-sm font-medium text-red-800">{errors.componentIds.join(" ")}</p>}
      </fieldset>
      <button type="submit" className={buttonClass} disabled={schedule.isPending}>{schedule.isPending ? t("common.loading") : t("incidents.maint.submit")}</button>
    </form>
  );
}
