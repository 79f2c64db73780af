"use client";
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { formatUptime, type BarLevel } from "@/server/status/uptime";
import { formatDate } from "@/lib/i18n";
import { useT } from "@/lib/i18n/client";
import { BAR } from "./status-style";

/** One day as the page sends it: compact, so the page stays light (the words are made here). */
export interface BarDay {
  day: number;
  level: BarLevel;
  uptime: number | null;
  incidents: string[];
}

interface BarView extends BarDay {
  date: string;
  uptimeText: string;
  /** The whole day in one sentence, for screen readers. */
  label: string;
}

/**
 * Ninety daily bars. One tab stop for the whole strip (arrow keys, Home and End move between days), each
 * bar with a text alternative; the tooltip shows on hover and on keyboard focus.
 */
export function UptimeBars({ label, days, startLabel, endLabel }: { label: string; days: BarDay[]; startLabel: string; endLabel: string }) {
  const { t, locale } = useT();
  const bars: BarView[] = useMemo(
    () =>
      days.map((d) => {
        const date = formatDate(locale, d.day);
        const uptime = formatUptime(d.uptime, t("status.noData"));
        const incidents = d.incidents.length ? t("status.bars.incidents", { titles: d.incidents.join("; ") }) : t("status.bars.noIncidents");
        return { ...d, date, uptimeText: `${t("status.uptime.heading")}: ${uptime}`, label: t("status.bars.day", { date, uptime, incidents }) };
      }),
    [days, locale, t],
  );
  const [focus, setFocus] = useState(bars.length - 1);
  const [shown, setShown] = useState<number | null>(null);
  const refs = useRef<(HTMLSpanElement | null)[]>([]);

  function move(e: KeyboardEvent) {
    const next = { ArrowLeft: focus - 1, ArrowRight: focus + 1, Home: 0, End: bars.length - 1 }[e.key];
    if (next === undefined) {
      if (e.key === "Escape") setShown(null);
      return;
    }
    e.preventDefault();
    const i = Math.max(0, Math.min(bars.length - 1, next));
    setFocus(i);
    setShown(i);
    refs.current[i]?.focus();
  }

  const tip = shown === null ? null : bars[shown];
  return (
    <div className="relative">
      <div role="group" aria-label={label} className="flex h-9 items-stretch gap-px" onKeyDown={move} onMouseLeave={() => setShown(null)}>
        {bars.map((b, i) => (
          <span
            key={b.day}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="img"
            aria-label={b.label}
            tabIndex={i === focus ? 0 : -1}
            onFocus={() => {
              setFocus(i);
              setShown(i);
            }}
            onBlur={() => setShown(null)}
            onMouseEnter={() => setShown(i)}
            className={`uptime-bar ${BAR[b.level]}`}
          />
        ))}
      </div>
      {tip && shown !== null && (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute bottom-full z-10 mb-2 w-64 -translate-x-1/2 rounded-md bg-slate-900 p-3 text-xs text-white shadow-lg"
          style={{ left: `clamp(8rem, ${((shown + 0.5) / bars.length) * 100}%, calc(100% - 8rem))` }}
        >
          <p className="font-semibold">{tip.date}</p>
          <p className="mt-1">{tip.uptimeText}</p>
          {tip.incidents.length > 0 && (
            <ul className="mt-1 list-disc pl-4">
              {tip.incidents.map((title) => (
                <li key={title}>{title}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-slate-600">
        <span>{startLabel}</span>
        <span>{endLabel}</span>
      </div>
    </div>
  );
}
