"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass, useLiveFieldErrors } from "@/components/form";
import { buttonClass, Card } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { TICKET_PRIORITIES } from "@/lib/tickets";
import { ArticleSuggestions } from "@/components/article-suggestions";
import { clearDraft, DRAFT_FIELDS, loadDraft, saveDraft } from "./draft";
import { SignInToSend } from "./sign-in-to-send";
import { AttachmentPicker, pastedFiles, useAttachmentUploads, type AttachmentLimitsText } from "@/components/attachment-picker";

// The server's rules, for clearing an error as soon as the field is right (the server still decides).
const CHECKS: Record<string, (v: string) => boolean> = {
  subject: (v) => v.trim().length >= 3 && v.trim().length <= 200,
  description: (v) => v.trim().length >= 10,
  pageUrl: (v) => v.trim() === "" || /^https?:\/\/\S+$/i.test(v.trim()),
};

/**
 * The ticket form. Signed out, it can still be written: sending it asks the visitor to sign in or create an
 * account, in place, and what they typed is kept in this browser until they are back and send it. Files can be
 * attached once signed in (an upload belongs to its uploader until the ticket claims it).
 */
export function NewTicketForm({
  signedIn,
  limits,
  categories,
}: {
  signedIn: boolean;
  limits: AttachmentLimitsText;
  /** Active categories, in the reader's language; the choice routes the ticket to a team. */
  categories: { id: number; name: string }[];
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.tickets.create.mutationOptions());
  const uploads = useAttachmentUploads();
  const form = useRef<HTMLFormElement>(null);
  const { errors, onInput } = useLiveFieldErrors(fieldErrorsOf(create.error), { form, checks: CHECKS });
  const [draft, setDraft] = useState({ subject: "", description: "" });
  const [restored, setRestored] = useState(false);
  const [askSignIn, setAskSignIn] = useState<"signIn" | "signUp" | null>(null);

  // What was typed before signing in (or in an earlier visit today) comes back into the form.
  useEffect(() => {
    const saved = loadDraft();
    if (!saved || !form.current) return;
    for (const k of DRAFT_FIELDS) {
      const el = form.current.elements.namedItem(k);
      if (saved[k] && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement))
        el.value = saved[k];
    }
    setDraft({ subject: saved.subject ?? "", description: saved.description ?? "" });
    setRestored(Boolean(saved.subject || saved.description));
  }, []);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    saveDraft(e.currentTarget);
    if (!signedIn) {
      setAskSignIn("signIn");
      return;
    }
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
        categoryId: get("categoryId") ? Number(get("categoryId")) : null,
        attachmentIds: uploads.files.map((f) => f.id),
      },
      {
        onSuccess: ({ id }) => {
          clearDraft();
          router.push(`/tickets/${id}?created=1`);
        },
      },
    );
  }

  return (
    <>
      {!signedIn && (
        <div role="note" className="mb-4 rounded-lg border border-blue-200 bg-blue-50 p-4 text-sm text-slate-800" data-testid="guest-note">
          <p>{t("firstHour.ticket.guestNote")}</p>
          <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
            <button type="button" className="font-semibold text-blue-800 underline" onClick={() => setAskSignIn("signIn")}>
              {t("nav.signIn")}
            </button>
            <button type="button" className="font-semibold text-blue-800 underline" onClick={() => setAskSignIn("signUp")}>
              {t("nav.signUp")}
            </button>
          </p>
        </div>
      )}
      {askSignIn && <SignInToSend initial={askSignIn} key={askSignIn} />}
      <Card>
        {restored && (
          <p role="status" className="mb-4 text-sm text-slate-700">
            {t("firstHour.ticket.restored")}
          </p>
        )}
        <form
          ref={form}
          onSubmit={onSubmit}
          onInput={onInput}
          onChange={(e) => saveDraft(e.currentTarget)}
          className="space-y-5"
          noValidate
        >
          <FormError message={formErrorOf(create.error, t("common.error"))} />
          <Field id="subject" label={t("tickets.field.subject")} hint={t("tickets.field.subject.hint")} errors={errors.subject}>
            {(a) => (
              <input
                {...a}
                name="subject"
                required
                minLength={3}
                maxLength={200}
                className={inputClass}
                onChange={(e) => setDraft({ ...draft, subject: e.target.value })}
              />
            )}
          </Field>
          <Field id="description" label={t("tickets.field.description")} errors={errors.description}>
            {(a) => (
              <textarea
                {...a}
                name="description"
                required
                minLength={10}
                rows={5}
                className={inputClass}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
                onPaste={(e) => {
                  const files = signedIn ? pastedFiles(e) : [];
                  if (files.length === 0) return;
                  e.preventDefault();
                  void uploads.add(files);
                }}
              />
            )}
          </Field>
          {categories.length > 0 && (
            <Field id="categoryId" label={t("routing.form.category")} hint={t("routing.form.categoryHint")} errors={errors.categoryId}>
              {(a) => (
                <select {...a} name="categoryId" defaultValue="" className={inputClass}>
                  <option value="">{t("routing.form.noCategory")}</option>
                  {categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {signedIn && <AttachmentPicker uploads={uploads} limits={limits} id="ticket-files" />}
          <ArticleSuggestions text={`${draft.subject} ${draft.description}`} />
          <Field id="steps" label={t("tickets.field.steps")} hint={t("tickets.field.steps.hint")} errors={errors.steps}>
            {(a) => <textarea {...a} name="steps" rows={3} className={inputClass} />}
          </Field>
          <div className="grid gap-5 md:grid-cols-2">
            <Field id="expected" label={t("tickets.field.expected")} errors={errors.expected}>
              {(a) => <textarea {...a} name="expected" rows={3} className={inputClass} />}
            </Field>
            <Field id="actual" label={t("tickets.field.actual")} errors={errors.actual}>
              {(a) => <textarea {...a} name="actual" rows={3} className={inputClass} />}
            </Field>
          </div>
          <div className="grid gap-5 md:grid-cols-2">
            <Field id="pageUrl" label={t("tickets.field.pageUrl")} errors={errors.pageUrl}>
              {(a) => <input {...a} name="pageUrl" type="url" inputMode="url" placeholder="https://" className={inputClass} />}
            </Field>
            <Field id="priority" label={t("tickets.field.priority")} errors={errors.priority}>
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
          <button type="submit" className={buttonClass} disabled={create.isPending || uploads.uploading.length > 0}>
            {create.isPending ? t("common.loading") : t("tickets.submit")}
          </button>
        </form>
      </Card>
    </>
  );
}
