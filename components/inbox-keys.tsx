"use client";
import { useEffect, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { ShortcutHelp, typingInField } from "./shortcuts-ticket";

const KEYS = [
  ["j", "ticketLife.keys.next"],
  ["k", "ticketLife.keys.previous"],
  ["Enter", "ticketLife.keys.open"],
  ["x", "ticketLife.keys.select"],
  ["?", "ticketLife.keys.help"],
] as const;

/** The rows of the inbox list, each with its ticket link and its selection checkbox (components/inbox-table.tsx). */
function rows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="ticket-row"]')];
}

const linkOf = (row: HTMLElement) => row.querySelector<HTMLAnchorElement>('a[href*="/inbox/"]');

/**
 * Keyboard for the inbox list: j/k move to the next/previous row (focusing its ticket link, so the focus ring
 * shows where one is and Enter opens it as any link), x ticks the row's checkbox, ? lists the keys. Works on the
 * rendered rows, so it needs nothing from the table but its markup; keys typed into a field are the field's.
 */
export function InboxKeys() {
  const { t } = useT();
  const [help, setHelp] = useState(false);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInField(e.target)) return;
      const all = rows();
      const current = all.findIndex((r) => r.contains(document.activeElement));
      const move = (step: number) => {
        if (all.length === 0) return;
        const next = current === -1 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, current + step));
        linkOf(all[next])?.focus();
        all[next].scrollIntoView?.({ block: "nearest" });
      };
      switch (e.key) {
        case "j":
          move(1);
          break;
        case "k":
          move(-1);
          break;
        case "x":
          if (current !== -1) all[current].querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
          break;
        case "?":
          setHelp(true);
          break;
        default:
          return;
      }
      e.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button type="button" className="text-sm text-slate-700 underline" onClick={() => setHelp(true)}>
        {t("ticketLife.keys.hint")}
      </button>
      <ShortcutHelp
        open={help}
        onClose={() => setHelp(false)}
        title={t("ticketLife.keys.title")}
        keys={KEYS.map(([k, label]) => [k, t(label)])}
      />
    </>
  );
}
