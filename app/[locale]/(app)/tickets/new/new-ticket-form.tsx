"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass, Card } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { TICKET_PRIORITIES } from "@/lib/tickets";
import { ArticleSuggestions } from "@/components/article-suggestions";
import { useState } from "react";

export function NewTicketForm() {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.tickets.create.mutationOptions());
  const errors = fieldErrorsOf(create.error);
  const [draft, setDraft] = useState({ subject: "", description: "" });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "");
    create.mutate(
      {
        subject: get("subject"),
        description: get("description"),
        steps: get("steps"),
        expected: get("expected"),
        actual: get("actual"),
        pageUrl: get("pageUrl"),
        priority: get("priority") as (typeof TICKET_PRIORITIES)[number],
      },
      { onSuccess: ({ id }) => router.push(`/tickets/${id}?created=1`) },
    );
  }

  return (
    <Card>
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError message={formErrorOf(create.error, t("common.error"))} />
        <Field id="subject" label={t("tickets.field.subject")} hint={t("tickets.field.subject.hint")} errors={errors?.subject}>
          {(a) => (
            <input
              {...a}
              name="subject"
              maxLength={200}
              className={inputClass}
              onChange={(e) => setDraft({ ...draft, subject: e.target.value })}
            />
          )}
        </Field>
        <Field id="description" label={t("tickets.field.description")} errors={errors?.description}>
          {(a) => (
            <textarea
              {...a}
              name="description"
              rows={5}
              className={inputClass}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            />
          )}
        </Field>
        <ArticleSuggestions text={`${draft.subject} ${draft.description}`} />
        <Field id="steps" label={t("tickets.field.steps")} hint={t("tickets.field.steps.hint")} errors={errors?.steps}>
          {(a) => <textarea {...a} name="steps" rows={3} className={inputClass} />}
        </Field>
        <div className="grid gap-5 md:grid-cols-2">
          <Field id="expected" label={t("tickets.field.expected")} errors={errors?.expected}>
            {(a) => <textarea {...a} name="expected" rows={3} className={inputClass} />}
          </Field>
          <Field id="actual" label={t("tickets.field.actual")} errors={errors?.actual}>
            {(a) => <textarea {...a} name="actual" rows={3} className={inputClass} />}
          </Field>
        </div>
        <div className="grid gap-5 md:grid-cols-2">
          <Field id="pageUrl" label={t("tickets.field.pageUrl")} errors={errors?.pageUrl}>
            {(a) => <input {...a} name="pageUrl" type="url" placeholder="https://" className={inputClass} />}
          </Field>
          <Field id="priority" label={t("tickets.field.priority")} errors={errors?.priority}>
            {(a) => (
              <select {...a} name="priority" defaultValue="normal" className={inputClass}>
                {TICKET_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`priority.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <button type="submit" className={buttonClass} disabled={create.isPending}>
          {create.isPending ? t("common.loading") : t("tickets.submit")}
        </button>
      </form>
    </Card>
  );
}
