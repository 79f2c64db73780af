"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import type { Locale } from "@/lib/i18n";
import { Badge, Card, buttonClass, inputClass, secondaryButtonClass } from "@/components/ui";

interface Group {
  id: number | null;
  key: string | null;
  locale: Locale;
  terms: string[];
  origin: "shipped" | "changed" | "off" | "custom";
}

const BADGE = { shipped: "closed", changed: "pending", off: "on_hold", custom: "open" } as const;

/** One form per group (its terms, comma-separated) and one to add a group; each change refreshes the list. */
export function SynonymEditor({ locale, groups }: { locale: Locale; groups: Group[] }) {
  const { t } = useT();
  return (
    <div className="space-y-3">
      <GroupForm locale={locale} group={null} key={`new-${groups.length}`} />
      {groups.length === 0 && <p className="text-slate-700">{t("kb.synonyms.none")}</p>}
      <ul className="space-y-3" aria-label={t("kb.synonyms.title")}>
        {groups.map((g) => (
          <li key={g.key ?? `id-${g.id}`}>
            <GroupForm locale={locale} group={g} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function GroupForm({ locale, group }: { locale: Locale; group: Group | null }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [terms, setTerms] = useState(group ? group.terms.join(", ") : "");
  const [done, setDone] = useState(false);
  const onSuccess = () => {
    setDone(true);
    if (!group) setTerms("");
    router.refresh();
  };
  const save = useMutation(trpc.kb.synonyms.save.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.kb.synonyms.remove.mutationOptions({ onSuccess }));
  const reset = useMutation(trpc.kb.synonyms.reset.mutationOptions({ onSuccess }));
  const error = save.error ?? remove.error ?? reset.error;
  const id = `syn-${group?.key ?? group?.id ?? "new"}`;
  const target = group?.id ? { id: group.id } : { key: group?.key ?? undefined };
  return (
    <Card className={group?.origin === "off" ? "!py-3 opacity-75" : group ? "!py-3" : ""}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          save.mutate({ locale, terms, ...(group?.id ? { id: group.id } : group?.key ? { key: group.key } : {}) });
        }}
        className="flex flex-col gap-2"
      >
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={id} className="font-semibold">
            {group ? (group.terms[0] ?? t("kb.synonyms.terms")) : t("kb.synonyms.add")}
          </label>
          {group && <Badge kind={BADGE[group.origin]}>{t(`kb.synonyms.${group.origin}`)}</Badge>}
        </div>
        <textarea
          id={id}
          rows={2}
          className={inputClass}
          value={terms}
          onChange={(e) => setTerms(e.target.value)}
          aria-describedby={[group ? "" : `${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
          aria-invalid={error ? true : undefined}
        />
        {!group && (
          <p id={`${id}-hint`} className="text-xs text-slate-700">
            {t("kb.synonyms.termsHint")}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-800">
            {error.message}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" className={buttonClass} disabled={save.isPending}>
            {group ? t("kb.synonyms.save") : t("kb.synonyms.add")}
          </button>
          {group && group.origin !== "off" && (
            <button type="button" className={secondaryButtonClass} onClick={() => remove.mutate(target)} disabled={remove.isPending}>
              {group.key ? t("kb.synonyms.turnOff") : t("kb.synonyms.delete")}
            </button>
          )}
          {group?.key && (group.origin === "off" || group.origin === "changed") && (
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => reset.mutate({ key: group.key! })}
              disabled={reset.isPending}
            >
              {group.origin === "off" ? t("kb.synonyms.restore") : t("kb.synonyms.resetShipped")}
            </button>
          )}
          {done && (
            <span role="status" className="text-sm text-slate-700">
              {t("kb.synonyms.saved")}
            </span>
          )}
        </div>
      </form>
    </Card>
  );
}
