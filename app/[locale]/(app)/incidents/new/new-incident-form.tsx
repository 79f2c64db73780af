"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";
import type { IncidentImpact } from "@/server/db/schema";
import { StageFields, type OpenIncidentStatus } from "../stage-fields";
import { ComponentsPicker, affectedList, type Affected, type PickableComponent } from "../components-picker";

export function NewIncidentForm({ components }: { components: PickableComponent[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const open = useMutation(trpc.status.incidents.open.mutationOptions());
  const errors = fieldErrorsOf(open.error);
  const [form, setForm] = useState({
    title: "",
    impact: "minor" as IncidentImpact,
    status: "investigating" as OpenIncidentStatus,
    body: "",
  });
  const [affected, setAffected] = useState<Affected>({});

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    open.mutate({ ...form, components: affectedList(affected) }, { onSuccess: (r) => router.push(`/incidents/${r.id}`) });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formErrorOf(open.error, t("common.error"))} />
      <Field id="title" label={t("incidents.field.title")} errors={errors?.title}>
        {(a) => <input {...a} className={inputClass} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
      </Field>
      <StageFields
        idPrefix=""
        status={form.status}
        impact={form.impact}
        onChange={(stage) => setForm({ ...form, ...stage })}
        errors={errors}
      />
      <ComponentsPicker
        idPrefix="new-component"
        components={components}
        value={affected}
        onChange={setAffected}
        errors={errors?.components}
      />
      <Field id="body" label={t("incidents.field.body")} hint={t("incidents.field.body.hint")} errors={errors?.body}>
        {(a) => (
          <textarea {...a} rows={5} className={inputClass} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
        )}
      </Field>
      <button type="submit" className={buttonClass} disabled={open.isPending}>
        {open.isPending ? t("common.loading") : t("incidents.open")}
      </button>
    </form>
  );
}
