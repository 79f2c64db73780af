"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { buttonClass, Card, inputClass, secondaryButtonClass } from "./ui";
import { FormError, formErrorOf } from "./form";
import { TagInput } from "./tag-suggestions";

/** The curated tags, each removable, and a field (with the existing tags as suggestions) to curate another. */
export function TagManager({ tags }: { tags: string[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const curate = useMutation(
    trpc.workspace.curateTag.mutationOptions({
      onSuccess: (_d, v) => {
        if (v.curated) setName("");
        router.refresh();
      },
    }),
  );
  return (
    <Card>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          curate.mutate({ name, curated: true });
        }}
      >
        <label className="text-sm">
          <span className="mb-1 block font-semibold text-slate-800">{t("routing.tags.add")}</span>
          <TagInput value={name} onValue={setName} maxLength={40} className={inputClass} data-testid="tag-name" />
        </label>
        <button type="submit" className={buttonClass} disabled={curate.isPending || name.trim() === ""}>
          {t("routing.tags.curate")}
        </button>
      </form>
      <FormError message={formErrorOf(curate.error, t("common.error"))} />
      {tags.length === 0 ? (
        <p className="mt-4 text-sm text-slate-700">{t("routing.tags.none")}</p>
      ) : (
        <ul className="mt-4 flex flex-wrap gap-2" role="list" aria-label={t("routing.tags.title")}>
          {tags.map((tag) => (
            <li key={tag} className="flex items-center gap-2 rounded-full border border-slate-300 py-1 pl-3 pr-1 text-sm text-slate-900">
              {tag}
              <button
                type="button"
                onClick={() => curate.mutate({ name: tag, curated: false })}
                className={`${secondaryButtonClass} px-2 py-0.5 text-xs`}
                aria-label={t("routing.tags.remove", { tag })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
