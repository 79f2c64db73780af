"use client";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { formatUptime } from "@/lib/status/uptime";
import { formatDate } from "@/lib/i18n";
import { useT } from "@/lib/i18n/client";
import { barDays, type CompactComponent } from "./compact";
import { BAR } from "./status-style";

type BarData = Pick<CompactComponent, "from" | "levels" | "days" | "incidents">;

/**
 * The 90 days as one painted strip: a gradient with a stop wherever the level changes. The server sends
 * this instead of 90 elements with their labels; the browser replaces it with the interactive bars.
 */
function stripBackground(levels: string): string {
  const n = levels.length;
  const stops: string[] = [];
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && levels[j] === levels[i]) j++;
    stops.push(`var(--bar-${levels[i]}) ${((i / n) * 100).toFixed(2)}% ${((j / n) * 100).toFixed(2)}%`);
    i = j;
  }
  return `linear-gradient(90deg,${stops.join(",")})`;
}

/**
 * Ninety daily bars. One tab stop for the whole strip (arrow keys, Home and End move between days), each
 * bar with a text alternative; the tooltip shows on hover and on keyboard focus. Until the page is live
 * in the browser the strip is painted in one piece (the uptime figures above it carry the numbers).
 */
export function UptimeBars({ label, data }: { label: string; data: BarData }) {
  const { t, locale } = useT();
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const bars = useMemo(
    () =>
      barDays(data).map((d) => {
        const date = formatDate(locale, d.day);
        const uptime = formatUptime(d.uptime, t("status.noData"));
        const incidents = d.incidents.length
          ? t("status.bars.incidents", { titles: d.incidents.join("; ") })
          : t("status.bars.noIncidents");
        return {
          ...d,
          date,
          uptimeText: `${t("status.uptime.heading")}: ${uptime}`,
          label: t("status.bars.day", { date, uptime, incidents }),
        };
      }),
    [data, locale, t],
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
      <div
        role="group"
        aria-label={label}
        className="uptime-strip"
        style={live ? undefined : { backgroundImage: stripBackground(data.levels) }}
        onKeyDown={move}
        onMouseLeave={() => setShown(null)}
      >
        {live &&
          bars.map((b, i) => (
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
        <span>{t("status.bars.start")}</span>
        <span>{t("status.bars.today")}</span>
      </div>
    </div>
  );
}
