"use client";
import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { CATEGORIES } from "@/lib/kb/categories";
import type { ArticleKind, ArticleStatus, Locale } from "@/server/db/schema";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass, secondaryButtonClass } from "@/components/ui";
import { MarkdownPreview, usePreviewHtml } from "@/components/markdown-preview";

export interface EditorValues {
  kind: ArticleKind;
  locale: Locale;
  title: string;
  slug: string;
  translationKey: string;
  category: string;
  tags: string[];
  summary: string;
  body: string;
  position: number;
  status: ArticleStatus;
}

/** Markdown on the left, the sanitised rendering on the right (rendered by the server, as readers will see it). */
export function ArticleEditor({ id, initial, can }: { id?: number; initial: EditorValues; can: { saveDraft: boolean; publish: boolean } }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [v, setV] = useState({ ...initial, tags: initial.tags.join(", ") });
  const save = useMutation(trpc.kb.save.mutationOptions());
  const errors = fieldErrorsOf(save.error);
  const { mutate: renderPreview } = useMutation(trpc.kb.preview.mutationOptions());
  const render = useCallback(
    (body: string, done: (html: string) => void) =>
      renderPreview({ body: body || " ", locale: v.locale }, { onSuccess: (r) => done(r.html) }),
    [renderPreview, v.locale],
  );
  const previewHtml = usePreviewHtml(v.body, render);

  function submit(status: ArticleStatus) {
    save.mutate(
      {
        id,
        kind: v.kind,
        locale: v.locale,
        title: v.title,
        slug: v.slug,
        translationKey: v.translationKey || v.slug,
        category: v.category as (typeof CATEGORIES)[number]["slug"],
        tags: v.tags
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
        summary: v.summary,
        body: v.body,
        position: Number(v.position) || 0,
        status,
      },
      {
        onSuccess: (res) => {
          if (!id) router.push(`/kb/${res.id}`);
          else router.refresh();
        },
      },
    );
  }

  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setV({ ...v, [k]: e.target.value });
  const published = initial.status === "published";
  return (
    <form onSubmit={(e) => e.preventDefault()} className="space-y-5" noValidate>
      <FormError message={formErrorOf(save.error, t("common.error"))} />
      {save.isSuccess && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-900">
          {t("kb.saved", { n: save.data.revision })}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-4">
        <Field id="kb-kind" label={t("kb.field.kind")} errors={errors?.kind}>
          {(a) => (
            <select {...a} value={v.kind} onChange={set("kind")} className={inputClass}>
              <option value="article">{t("kb.kind.article")}</option>
              <option value="faq">{t("kb.kind.faq")}</option>
            </select>
          )}
        </Field>
        <Field id="kb-locale" label={t("kb.field.locale")} errors={errors?.locale}>
          {(a) => (
            <select {...a} value={v.locale} onChange={set("locale")} className={inputClass}>
              <option value="en">{t("locale.en")}</option>
              <option value="ru">{t("locale.ru")}</option>
            </select>
          )}
        </Field>
        <Field id="kb-category" label={t("kb.field.category")} errors={errors?.category}>
          {(a) => (
            <select {...a} value={v.category} onChange={set("category")} className={inputClass}>
              {CATEGORIES.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name[v.locale]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="kb-position" label={t("kb.field.position")} errors={errors?.position}>
          {(a) => <input {...a} type="number" min={0} value={v.position} onChange={set("position")} className={inputClass} />}
        </Field>
      </div>
      <Field id="kb-title" label={t("kb.field.title")} errors={errors?.title}>
        {(a) => <input {...a} value={v.title} onChange={set("title")} maxLength={150} className={inputClass} />}
      </Field>
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="kb-slug" label={t("kb.field.slug")} hint={t("kb.field.slug.hint")} errors={errors?.slug}>
          {(a) => <input {...a} value={v.slug} onChange={set("slug")} className={inputClass} />}
        </Field>
        <Field id="kb-tkey" label={t("kb.field.translationKey")} hint={t("kb.field.translationKey.hint")} errors={errors?.translationKey}>
          {(a) => <input {...a} value={v.translationKey} onChange={set("translationKey")} placeholder={v.slug} className={inputClass} />}
        </Field>
      </div>
      <Field id="kb-summary" label={t("kb.field.summary")} errors={errors?.summary}>
        {(a) => <input {...a} value={v.summary} onChange={set("summary")} maxLength={250} className={inputClass} />}
      </Field>
      <Field id="kb-tags" label={t("kb.field.tags")} hint={t("kb.field.tags.hint")} errors={errors?.tags}>
        {(a) => <input {...a} value={v.tags} onChange={set("tags")} className={inputClass} />}
      </Field>
      <div className="grid gap-4 lg:grid-cols-2">
        <Field id="kb-body" label={t("kb.field.body")} errors={errors?.body}>
          {(a) => <textarea {...a} value={v.body} onChange={set("body")} rows={24} className={`${inputClass} font-mono`} />}
        </Field>
        <MarkdownPreview id="kb-preview" heading={t("kb.preview")} html={previewHtml} />
      </div>
      <div className="flex flex-wrap gap-3">
        {can.publish && (
          <button type="button" className={buttonClass} disabled={save.isPending} onClick={() => submit("published")}>
            {published ? t("kb.saveChanges") : t("kb.publish")}
          </button>
        )}
        {can.saveDraft && (
          <button
            type="button"
            className={can.publish ? secondaryButtonClass : buttonClass}
            disabled={save.isPending}
            onClick={() => submit("draft")}
          >
            {t("kb.saveDraft")}
          </button>
        )}
        {can.publish && id && initial.status !== "archived" && (
          <button type="button" className={secondaryButtonClass} disabled={save.isPending} onClick={() => submit("archived")}>
            {t("kb.archive")}
          </button>
        )}
      </div>
    </form>
  );
}
