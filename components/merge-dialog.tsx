"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { fieldErrorsOf, formErrorOf } from "./form";
import { buttonClass, inputClass, secondaryButtonClass } from "./ui";

/** The sentence of a failed call: the form's, or else the first field's (a refusal may name its field). */
export function errorTextOf(error: unknown, fallback: string): string | null {
  if (!error) return null;
  const fields = Object.values(fieldErrorsOf(error) ?? {}).flatMap((v) => v ?? []);
  return formErrorOf(error, fallback) ?? fields[0] ?? fallback;
}

/**
 * "Merge into another ticket" on the agent's ticket page: a dialog that takes the target's number, offers the
 * requester's other open tickets, and finds open tickets by subject (staff search). Different requesters only
 * with the box ticked; the server refuses the rest with its reason.
 */
export function MergeDialog({ ticketId, suggestions }: { ticketId: number; suggestions: { id: number; subject: string }[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState("");
  const [across, setAcross] = useState(false);
  const [query, setQuery] = useState("");
  const [searched, setSearched] = useState("");
  const merge = useMutation(trpc.ticketLife.merge.mutationOptions({ onSuccess: (r) => router.push(`/inbox/${r.targetId}`) }));
  const found = useQuery({ ...trpc.inbox.search.queryOptions({ q: searched || "-", view: "open", limit: 8 }), enabled: searched !== "" });

  useEffect(() => {
    if (open) dialog.current?.showModal?.();
    else dialog.current?.close?.();
  }, [open]);

  const choices = [
    ...suggestions,
    ...(found.data?.items ?? []).map((h) => ({ id: h.id, subject: h.subject.map((p) => p.text).join("") })),
  ].filter((c, i, all) => c.id !== ticketId && all.findIndex((x) => x.id === c.id) === i);

  return (
    <>
      <button type="button" className={`${secondaryButtonClass} w-full`} onClick={() => setOpen(true)} data-testid="merge-open">
        {t("ticketLife.merge.button")}
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        aria-labelledby="merge-title"
        className="w-full max-w-lg rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id="merge-title" className="mb-2 text-lg font-semibold">
          {t("ticketLife.merge.title")}
        </h2>
        <p className="mb-4 text-sm text-slate-700">{t("ticketLife.merge.explain")}</p>
        <form
          role="search"
          className="mb-3 flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setSearched(query.trim());
          }}
        >
          <label className="block flex-1 text-sm">
            <span className="mb-1 block font-medium text-slate-800">{t("ticketLife.merge.search")}</span>
            <input className={inputClass} type="search" value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <button type="submit" className={secondaryButtonClass}>
            {t("ticketLife.merge.searchButton")}
          </button>
        </form>
        {choices.length > 0 ? (
          <fieldset className="mb-3">
            <legend className="mb-1 text-sm font-medium text-slate-800">{t("ticketLife.merge.suggestions")}</legend>
            <ul className="max-h-48 space-y-1 overflow-y-auto text-sm">
              {choices.map((c) => (
                <li key={c.id}>
                  <button type="button" className="text-left text-blue-800 underline" onClick={() => setTarget(String(c.id))}>
                    #{c.id} {c.subject}
                  </button>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : (
          searched && !found.isFetching && <p className="mb-3 text-sm text-slate-700">{t("ticketLife.merge.noResults")}</p>
        )}
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            merge.mutate({ sourceId: ticketId, targetId: Number(target), acrossRequesters: across });
          }}
        >
          <MergeTargetFields
            label={t("ticketLife.merge.target")}
            target={target}
            onTarget={setTarget}
            across={across}
            onAcross={setAcross}
            testId="merge-target"
          />
          {merge.error && (
            <p role="alert" className="text-sm text-red-800">
              {errorTextOf(merge.error, t("common.error"))}
            </p>
          )}
          <div className="flex gap-2">
            <button type="submit" className={buttonClass} disabled={merge.isPending} data-testid="merge-submit">
              {t("ticketLife.merge.submit")}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)}>
              {t("ticketLife.merge.cancel")}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** The merge target's number and the "different requesters" box: the ticket page's dialog and the inbox's bulk merge. */
export function MergeTargetFields({
  label,
  target,
  onTarget,
  across,
  onAcross,
  testId,
}: {
  label: string;
  target: string;
  onTarget: (v: string) => void;
  across: boolean;
  onAcross: (v: boolean) => void;
  testId: string;
}) {
  const { t } = useT();
  return (
    <>
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-800">{label}</span>
        <input
          className={`${inputClass} w-36`}
          inputMode="numeric"
          pattern="[0-9]+"
          required
          value={target}
          onChange={(e) => onTarget(e.target.value.trim())}
          data-testid={testId}
        />
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={across} onChange={(e) => onAcross(e.target.checked)} />
        {t("ticketLife.merge.acrossRequesters")}
      </label>
    </>
  );
}
