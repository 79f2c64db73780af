"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/lib/i18n/client";
import { localePath } from "@/lib/i18n/paths";

interface Hit {
  slug: string;
  url: string;
  titleHtml: string;
  snippetHtml: string;
}

/**
 * Search as you type, in the header: a combobox (ARIA 1.2 pattern) over /api/search. Arrow keys move,
 * Enter opens, Escape closes; the last option leads to the full results page.
 */
export function InstantSearch() {
  const { t, locale } = useT();
  const router = useRouter();
  const id = useId();
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<Hit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const seq = useRef(0);
  const resultsUrl = `${localePath(locale, "/help/search")}?q=${encodeURIComponent(q)}`;

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setHits([]);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void (async () => {
        const res = await fetch(`/api/search?q=${encodeURIComponent(term)}&locale=${locale}&limit=6&log=0`).catch(() => null);
        if (!res?.ok || mine !== seq.current) return;
        const body = (await res.json().catch(() => null)) as { hits: Hit[] } | null;
        if (!body || mine !== seq.current) return;
        setHits(body.hits);
        setActive(-1);
        setOpen(true);
      })();
    }, 180);
    return () => clearTimeout(timer);
  }, [q, locale]);

  const options = [...hits.map((h) => ({ key: h.slug, url: h.url })), { key: "__all", url: resultsUrl }];

  function go(url: string) {
    setOpen(false);
    router.push(url);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      const n = options.length;
      setActive((a) => (e.key === "ArrowDown" ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (q.trim()) go(active >= 0 ? options[active].url : resultsUrl);
    } else if (e.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  }

  const showList = open && q.trim().length >= 2;
  return (
    <div className="relative w-full sm:w-52" role="search">
      <label htmlFor={`${id}-q`} className="sr-only">
        {t("search.label")}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
        placeholder={t("search.placeholder")}
        value={q}
        autoComplete="off"
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => hits.length && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className="w-full rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm placeholder:text-slate-500 focus:border-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-700/30"
      />
      {showList && (
        <ul
          id={`${id}-list`}
          role="listbox"
          aria-label={t("search.label")}
          className="absolute right-0 z-20 mt-1 w-[min(28rem,90vw)] overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg"
        >
          {hits.length === 0 && <li className="px-3 py-2 text-sm text-slate-700">{t("search.none")}</li>}
          {options.map((o, i) => {
            const hit = hits[i];
            return (
              <li
                key={o.key}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  go(o.url);
                }}
                className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-blue-50" : ""} ${hit ? "" : "border-t border-slate-100 font-semibold text-blue-800"}`}
              >
                {hit ? (
                  <>
                    <span
                      className="block font-semibold text-slate-900 [&_mark]:bg-amber-200"
                      dangerouslySetInnerHTML={{ __html: hit.titleHtml }}
                    />
                    <span
                      className="line-clamp-2 block text-slate-700 [&_mark]:bg-amber-100"
                      dangerouslySetInnerHTML={{ __html: hit.snippetHtml }}
                    />
                  </>
                ) : (
                  t("search.seeAll", { q: q.trim() })
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
