"use client";
import { useEffect, useState } from "react";

/** The value once it has stopped changing for `ms`: previews render after a pause in typing, not on every key. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * A draft rendered by the server after each pause in typing; the last rendering stays while the next one
 * comes. `render` sends the text (a mutation, so a long draft travels in the body, not the URL) and calls
 * `done` with the HTML; only the latest call's answer is kept, so a slow earlier one never replaces it.
 */
export function usePreviewHtml(text: string, render: (body: string, done: (html: string) => void) => void): string {
  const [html, setHtml] = useState("");
  const body = useDebounced(text, 300);
  useEffect(() => render(body, setHtml), [body, render]);
  return html;
}

/**
 * Markdown as readers will see it: `html` comes from the server's renderer and sanitiser
 * (server/kb/markdown.ts), the same one the help center and the public incident pages use.
 */
export function MarkdownPreview({
  id,
  heading,
  html,
  level = 2,
  className = "h-[36rem]",
}: {
  id: string;
  heading: string;
  html: string;
  level?: 2 | 3;
  className?: string;
}) {
  const H = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`${id}-heading`} className="min-w-0">
      <H id={`${id}-heading`} className="text-sm font-semibold text-slate-800">
        {heading}
      </H>
      <div
        className={`prose-mayak mt-1 overflow-auto [&>:first-child]:mt-0 rounded-md border border-slate-200 bg-white p-4 ${className}`}
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </section>
  );
}
