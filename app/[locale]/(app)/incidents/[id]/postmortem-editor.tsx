"use client";
import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass, secondaryButtonClass } from "@/components/ui";
import { MarkdownPreview, usePreviewHtml } from "@/components/markdown-preview";

function usePostmortemPreview(text: string): string {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.status.incidents.previewPostmortem.mutationOptions());
  const render = useCallback(
    (body: string, done: (html: string) => void) => mutate({ body }, { onSuccess: (r) => done(r.html) }),
    [mutate],
  );
  return usePreviewHtml(text, render);
}

/** Markdown editor prefilled with the template, with a live preview; publishing is a separate toggle so a draft can be saved first. */
export function PostmortemEditor({
  incidentId,
  body,
  template,
  publishedAt,
}: {
  incidentId: number;
  body: string | null;
  template: string;
  publishedAt: number | null;
}) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.status.incidents.savePostmortem.mutationOptions());
  const publish = useMutation(trpc.status.incidents.publishPostmortem.mutationOptions());
  const [text, setText] = useState(body ?? template);
  const preview = usePostmortemPreview(text);
  const errors = fieldErrorsOf(save.error) ?? fieldErrorsOf(publish.error);
  const dirty = text !== (body ?? "");

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    save.mutate({ incidentId, body: text }, { onSuccess: () => router.refresh() });
  }

  function togglePublished() {
    publish.mutate({ id: incidentId, published: publishedAt === null }, { onSuccess: () => router.refresh() });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="postmortem-heading">
      <h2 id="postmortem-heading" className="text-lg font-semibold">
        {t("incidents.pm.heading")}
      </h2>
      <FormError message={formErrorOf(save.error ?? publish.error, t("common.error"))} />
      <p className="text-sm text-slate-700">
        {publishedAt ? t("incidents.pm.published", { date: formatDateTime(locale, publishedAt) }) : t("incidents.pm.draft")}
      </p>
      <div className="grid gap-4 xl:grid-cols-2">
        <Field id="postmortem" label={t("statusAdmin.pm.text")} hint={t("incidents.pm.hint")} errors={errors?.body}>
          {(a) => (
            <textarea
              {...a}
              rows={20}
              className={`${inputClass} h-[30rem] font-mono`}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <div>
          <MarkdownPreview id="postmortem-preview" heading={t("statusAdmin.preview")} html={preview} level={3} className="h-[30rem]" />
          <p className="mt-1 text-xs text-slate-600">{t("statusAdmin.preview.hint")}</p>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          {save.isPending ? t("common.loading") : t("incidents.pm.save")}
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={togglePublished}
          disabled={publish.isPending || (publishedAt === null && dirty)}
        >
          {publishedAt ? t("incidents.pm.unpublish") : t("incidents.pm.publish")}
        </button>
      </div>
      {save.isSuccess && !save.isPending && (
        <p role="status" className="text-sm text-green-800">
          {t("common.saved")}
        </p>
      )}
    </form>
  );
}
