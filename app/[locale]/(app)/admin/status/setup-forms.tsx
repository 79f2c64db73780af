"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import type { ComponentRow } from "@/server/components/find-components";
import { FormButtons, useCloseEdit, useFocusFirstInvalid } from "./edit-disclosure";

/** Creates a group, or renames `group` (inside an edit panel). */
export function GroupForm({ group }: { group?: { id: number; nameEn: string; nameRu: string } }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const close = useCloseEdit();
  const ref = useRef<HTMLFormElement>(null);
  const create = useMutation(trpc.status.components.createGroup.mutationOptions());
  const update = useMutation(trpc.status.components.updateGroup.mutationOptions());
  const active = group ? update : create;
  const errors = fieldErrorsOf(active.error);
  useFocusFirstInvalid(ref, active.error);
  const empty = { nameEn: group?.nameEn ?? "", nameRu: group?.nameRu ?? "" };
  const [form, setForm] = useState(empty);
  const prefix = group ? `group-${group.id}` : "group";

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (group)
      update.mutate(
        { id: group.id, ...form },
        {
          onSuccess: () => {
            router.refresh();
            close?.();
          },
        },
      );
    else
      create.mutate(form, {
        onSuccess: () => {
          setForm(empty);
          router.refresh();
        },
      });
  }

  return (
    <form ref={ref} noValidate className="space-y-3" onSubmit={onSubmit}>
      <FormError message={formErrorOf(active.error, t("common.error"))} />
      <Field id={`${prefix}-nameEn`} label={t("incidents.admin.field.nameEn")} errors={errors?.nameEn}>
        {(a) => <input {...a} className={inputClass} value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} />}
      </Field>
      <Field id={`${prefix}-nameRu`} label={t("incidents.admin.field.nameRu")} errors={errors?.nameRu}>
        {(a) => <input {...a} className={inputClass} value={form.nameRu} onChange={(e) => setForm({ ...form, nameRu: e.target.value })} />}
      </Field>
      <FormButtons pending={active.isPending} createLabel={t("incidents.admin.addGroup")} />
    </form>
  );
}

const EMPTY = { slug: "", nameEn: "", nameRu: "", descriptionEn: "", descriptionRu: "", groupId: "" };

function valuesOf(c?: ComponentRow): typeof EMPTY {
  if (!c) return EMPTY;
  return {
    slug: c.slug,
    nameEn: c.nameEn,
    nameRu: c.nameRu,
    descriptionEn: c.descriptionEn,
    descriptionRu: c.descriptionRu,
    groupId: c.groupId === null ? "" : String(c.groupId),
  };
}

/**
 * Creates a component, or edits `component` (inside an edit panel). Its place in the list and its status
 * have their own controls on the row.
 */
export function ComponentForm({ groups, component }: { groups: { id: number; name: string }[]; component?: ComponentRow }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const close = useCloseEdit();
  const ref = useRef<HTMLFormElement>(null);
  const create = useMutation(trpc.status.components.create.mutationOptions());
  const update = useMutation(trpc.status.components.update.mutationOptions());
  const active = component ? update : create;
  const errors = fieldErrorsOf(active.error);
  useFocusFirstInvalid(ref, active.error);
  const [form, setForm] = useState(() => valuesOf(component));
  const prefix = component ? `component-${component.id}` : "component";

  const text = (key: Exclude<keyof typeof EMPTY, "groupId">, label: string) => (
    <Field id={`${prefix}-${key}`} label={label} errors={errors?.[key]}>
      {(a) => <input {...a} className={inputClass} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />}
    </Field>
  );

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = { ...form, groupId: form.groupId ? Number(form.groupId) : null };
    if (component)
      update.mutate(
        { id: component.id, ...input },
        {
          onSuccess: () => {
            router.refresh();
            close?.();
          },
        },
      );
    else
      create.mutate(input, {
        onSuccess: () => {
          setForm(EMPTY);
          router.refresh();
        },
      });
  }

  return (
    <form ref={ref} noValidate className="space-y-3" onSubmit={onSubmit}>
      <FormError message={formErrorOf(active.error, t("common.error"))} />
      <div className="grid gap-3 sm:grid-cols-2">
        {text("nameEn", t("incidents.admin.field.nameEn"))}
        {text("nameRu", t("incidents.admin.field.nameRu"))}
        {text("descriptionEn", t("incidents.admin.field.descriptionEn"))}
        {text("descriptionRu", t("incidents.admin.field.descriptionRu"))}
        {text("slug", t("incidents.admin.field.slug"))}
        <Field id={`${prefix}-groupId`} label={t("incidents.admin.field.group")} errors={errors?.groupId}>
          {(a) => (
            <select {...a} className={inputClass} value={form.groupId} onChange={(e) => setForm({ ...form, groupId: e.target.value })}>
              <option value="">{t("incidents.admin.noGroup")}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FormButtons pending={active.isPending} createLabel={t("incidents.admin.addComponent")} />
    </form>
  );
}
