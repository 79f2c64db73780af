"use client";
import { useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";

/**
 * Tag autocomplete for any text field where tags are typed, comma-separated or one at a time: the browser's own
 * suggestion list (a datalist) offers tags that start like the last one being typed, curated ones first
 * (inbox.suggestTags), each completing the whole field. Use: `const s = useTagSuggestions(value)`, then
 * `<input list={s.listId} …/>{s.list}`, or `<TagInput>` below.
 */
export function useTagSuggestions(value: string) {
  const trpc = useTRPC();
  const listId = useId();
  const cut = value.lastIndexOf(",");
  const head = cut >= 0 ? `${value.slice(0, cut + 1).trimEnd()} ` : "";
  const prefix = value.slice(cut + 1).trim();
  const found = useQuery(
    trpc.inbox.suggestTags.queryOptions({ prefix, limit: 8 }, { enabled: prefix.length > 0, staleTime: 30_000, retry: false }),
  );
  const list = (
    <datalist id={listId}>
      {(found.data ?? []).map((s) => (
        <option key={s.name} value={`${head}${s.name}`} />
      ))}
    </datalist>
  );
  return { listId, list };
}

/** A text field for tags with the suggestions above: takes every prop of an input, `value` and `onValue` required. */
export function TagInput({
  value,
  onValue,
  ...rest
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "list"> & { value: string; onValue: (v: string) => void }) {
  const s = useTagSuggestions(value);
  return (
    <>
      <input {...rest} value={value} list={s.listId} autoComplete="off" onChange={(e) => onValue(e.target.value)} />
      {s.list}
    </>
  );
}
