"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { buttonClass, secondaryButtonClass } from "./ui";

const KEYS = [
  ["j", "shortcuts.next"],
  ["k", "shortcuts.previous"],
  ["r", "shortcuts.reply"],
  ["n", "shortcuts.note"],
  ["a", "shortcuts.assign"],
  ["s", "shortcuts.solve"],
  ["?", "shortcuts.help"],
] as const;

export function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** Puts the reply form in reply or note mode and the cursor in its text box. */
function focusReply(kind: "reply" | "note") {
  document.querySelector<HTMLInputElement>(`#reply-form input[name="kind"][value="${kind}"]`)?.click();
  document.getElementById("reply-body")?.focus();
}

/**
 * The agent's ticket page: "assign to me", and keyboard shortcuts (j/k next and previous ticket, r reply,
 * n note, a assign to me, s solve, ? lists them). Keys typed into a field are the field's.
 */
export function TicketShortcuts({
  ticketId,
  meId,
  assigneeId,
  canUpdate,
  neighbours,
}: {
  ticketId: number;
  meId: number;
  assigneeId: number | null;
  canUpdate: boolean;
  neighbours: { previous: number | null; next: number | null };
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.inbox.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const [help, setHelp] = useState(false);
  const mine = assigneeId === meId;

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInField(e.target)) return;
      const go = (id: number | null) => id && router.push(`/inbox/${id}`);
      switch (e.key) {
        case "j":
          go(neighbours.next);
          break;
        case "k":
          go(neighbours.previous);
          break;
        case "r":
        case "n":
          e.preventDefault();
          focusReply(e.key === "r" ? "reply" : "note");
          break;
        case "a":
          if (canUpdate && !mine) update.mutate({ ticketId, assigneeId: meId });
          break;
        case "s":
          if (canUpdate) update.mutate({ ticketId, status: "solved" });
          break;
        case "?":
          setHelp(true);
          break;
        default:
          return;
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [neighbours, canUpdate, mine, ticketId, meId, router, update]);

  return (
    <div className="space-y-2">
      {canUpdate &&
        (mine ? (
          <p className="text-sm text-slate-700">{t("ticketPage.assignedToYou")}</p>
        ) : (
          <button
            type="button"
            className={`${buttonClass} w-full`}
            onClick={() => update.mutate({ ticketId, assigneeId: meId })}
            disabled={update.isPending}
          >
            {t("ticketPage.assignToMe")}
          </button>
        ))}
      <button type="button" className="text-sm text-slate-700 underline" onClick={() => setHelp(true)}>
        {t("shortcuts.hint")}
      </button>
      <ShortcutHelp
        open={help}
        onClose={() => setHelp(false)}
        title={t("shortcuts.title")}
        keys={KEYS.map(([k, label]) => [k, t(label)])}
      />
    </div>
  );
}

/** The list of keyboard shortcuts in a modal dialog: the ticket page's and the inbox list's. */
export function ShortcutHelp({
  open,
  onClose,
  title,
  keys,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  keys: readonly (readonly [string, string])[];
}) {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open) dialog.current?.showModal?.();
    else dialog.current?.close?.();
  }, [open]);
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="shortcuts-title" className="rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
      <h2 id="shortcuts-title" className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {keys.map(([key, label]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-slate-400 bg-slate-100 px-2 py-0.5 font-mono">{key}</kbd>
            </dt>
            <dd>{label}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className={`${secondaryButtonClass} mt-4`} onClick={onClose}>
        {t("shortcuts.close")}
      </button>
    </dialog>
  );
}
