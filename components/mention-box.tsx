"use client";
import { useId, useState, type KeyboardEvent, type SyntheticEvent } from "react";
import { insertMention, mentionAt, mentionMatches } from "@/lib/mentions";

/**
 * `@name` suggestions for a text box: while a mention is typed before the caret, a list of the people whose
 * names start like it; arrows move, Enter or Tab inserts the handle, Escape closes. Use:
 * `const m = useMentionBox(text, setText, people, enabled)`, spread `m.inputProps` on the textarea (after its
 * own props), and render `m.list` below it.
 */
export function useMentionBox(
  text: string,
  setText: (text: string) => void,
  people: readonly { id: number; name: string }[],
  enabled: boolean,
  label: string,
) {
  const listId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const at = enabled && caret !== null ? mentionAt(text, caret) : null;
  const matches = at && closedAt !== at.start ? mentionMatches(people, at.prefix) : [];
  const open = matches.length > 0;
  const current = Math.min(active, matches.length - 1);

  const track = (e: SyntheticEvent<HTMLTextAreaElement>) => {
    const pos = e.currentTarget.selectionStart;
    if (pos !== caret) setActive(0);
    setCaret(pos);
  };
  const choose = (name: string, box: HTMLTextAreaElement | null) => {
    if (!at || caret === null) return;
    const next = insertMention(text, at.start, caret, name);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => box?.setSelectionRange(next.caret, next.caret));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((current + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      choose(matches[current]!.name, e.currentTarget);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setClosedAt(at!.start);
    }
  };
  const optionId = (i: number) => `${listId}-${i}`;
  const inputProps = {
    onKeyDown,
    onSelect: track,
    onInput: track,
    role: "combobox" as const,
    "aria-autocomplete": "list" as const,
    "aria-expanded": open,
    "aria-controls": listId,
    ...(open ? { "aria-activedescendant": optionId(current) } : {}),
  };
  const list = (
    <ul
      id={listId}
      role="listbox"
      aria-label={label}
      hidden={!open}
      className="mt-1 max-w-sm rounded-md border border-slate-300 bg-white py-1 shadow"
    >
      {matches.map((p, i) => (
        <li
          key={p.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === current}
          className={`cursor-pointer px-3 py-1 text-sm ${i === current ? "bg-blue-100 text-blue-950" : "text-slate-900"}`}
          onMouseDown={(e) => {
            // Keep the focus (and the caret) in the text box.
            e.preventDefault();
            const box = document.querySelector<HTMLTextAreaElement>(`[aria-controls="${CSS.escape(listId)}"]`);
            choose(p.name, box);
          }}
        >
          {p.name}
        </li>
      ))}
    </ul>
  );
  return { inputProps, list };
}
