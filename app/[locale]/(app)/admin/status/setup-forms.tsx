"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";

export function GroupForm() {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.status.components.createGroup.mutationOptions());
  const errors = fieldErrorsOf(create.error);
  const [form, setForm] = useState({ nameEn: "", nameRu: "" });
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(form, { onSuccess: () => { setForm({ nameEn: "", nameRu: "" }); router.refresh(); } });
      }}
    >
      <FormError message={formErrorOf(create.error, t("common.error"))} />
      <Field id="group-nameEn" label={t("incidents.admin.field.nameEn")} errors={errors?.nameEn}>
        {(a) => <input {...a} className={inputClass} value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} />}
      </Field>
      <Field id="group-nameRu" label={t("incidents.admin.field.nameRu")} errors={errors?.nameRu}>
        {(a) => <input {...a} className={inputClass} value={form.nameRu} onChange={(e) => setForm({ ...form, nameRu: e.target.value })} />}
      </Field>
      <button type="submit" className={buttonClass} disabled={create.isPending}>{t("incidents.admin.addGroup")}</button>
    </form>
  );
}

const EMPTY = { slug: "", nameEn: "", nameRu: "", descriptionEn: "", descriptionRu: "", groupId: "" };

export function ComponentForm({ groups }: { groups: { id: number; name: string }[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.status.components.create.mutationOptions());
  const errors = fieldErrorsOf(create.error);
  const [form, setForm] = useState(EMPTY);
  const text = (key: Exclude<keyof typeof EMPTY, "groupId">, label: string) => (
    <Field id={`component-${key}`} label={label} errors={errors?.[key]}>
      {(a) => <input {...a} className={inputClass} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ ...form, groupId: form.groupId ? Number(form.groupId) : null }, { onSuccess: () => { setForm(EMPTY); router.refresh(); } });
      }}
    >
      <FormError message={formErrorOf(create.error, t("common.error"))} />
      <div className="grid gap-3 sm:grid-cols-2">
        {text("nameEn", t("incidents.admin.field.nameEn"))}
        {text("nameRu", t("incidents.admin.field.nameRu"))}
        {text("descriptionEn", t("incidents.admin.field.descriptionEn"))}
        {text("descriptionRu", t("incidents.admin.field.descriptionRu"))}
        {text("slug", t("incidents.admin.field.slug"))}
        <Field id="component-groupId" label={t("incidents.admin.field.group")} errors={errors?.groupId}>
          {(a) => (
            <select {...a} className={inputClass} value={form.groupId} onChange={(e) => setForm({ ...form, groupId: e.target.value })}>
              <option value="">{t("incidents.admin.noGroup")}</option>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </select>
          )}
        </Field>
      </div>
      <button type="submit" className={buttonClass} disabled={create.isPending}>{t("incidents.admin.addComponent")}</button>
    </form>
  );
}
