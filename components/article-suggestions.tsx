"use client";
import { useEffect, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

interface Hit {
  id: number;
  url: string;
  title: string;
  snippetHtml: string;
  answerHtml?: string;
}

/**
 * While a ticket is being written, articles that may already answer it. Opening one is recorded; if no
 * ticket follows, that visit counts as a deflection.
 */
export function ArticleSuggestions({ text }: { text: string }) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const opened = useMutation(trpc.kb.suggestionOpened.mutationOptions());
  const [hits, setHits] = useState<Hit[]>([]);

  useEffect(() => {
    const q = text.trim().split(/\s+/).slice(0, 24).join(" ");
    if (q.length < 4) {
      setHits([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      void (async () => {
        const res = await fetch(`/api/search?q=${encodeURIComponent(q)}&locale=${locale}&limit=4&log=0&answer=1`, {
          signal: ctrl.signal,
        }).catch(() => null);
        if (res?.ok) setHits(((await res.json().catch(() => ({ hits: [] }))) as { hits: Hit[] }).hits);
      })();
    }, 400);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, locale]);

  if (hits.length === 0) return null;
  return (
    <aside
      aria-labelledby="suggest-heading"
      aria-live="polite"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4"
      data-testid="suggestions"
    >
      <h2 id="suggest-heading" className="font-semibold text-slate-900">
        {t("kb.suggest.title")}
      </h2>
      <p className="text-xs text-slate-700">{t("kb.suggest.opens")}</p>
      <ul className="mt-2 space-y-2">
        {hits.map((h) => (
          <li key={h.id}>
            <a
              href={h.url}
              target="_blank"
              rel="noopener"
              onClick={() => opened.mutate({ articleId: h.id })}
              className="font-semibold text-blue-800 underline"
            >
              {h.title}
            </a>
            {h.answerHtml ? (
              <p
                className="mt-1 border-l-4 border-emerald-600 bg-white px-2 py-1 text-sm text-slate-800 [&_mark]:bg-amber-200"
                data-testid="suggestion-answer"
              >
                <span className="sr-only">{t("search.answer.label")}: </span>
                <span dangerouslySetInnerHTML={{ __html: h.answerHtml }} />
              </p>
            ) : (
              <p
                className="line-clamp-2 text-sm text-slate-700 [&_mark]:bg-amber-200"
                dangerouslySetInnerHTML={{ __html: h.snippetHtml }}
              />
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
