"use client";
import { useMemo } from "react";
import { formatUptime } from "@/lib/status/uptime";
import { formatDate } from "@/lib/i18n";
import { useT } from "@/lib/i18n/client";
import { barDays, type CompactComponent } from "./compact";
import { BAR } from "./status-style";

type BarData = Pick<CompactComponent, "from" | "levels" | "dips" | "incidents">;

/** A share of the strip in percent, to a tenth (a tenth of a percent of a strip is under a pixel). */
const pct = (part: number) => `${Math.round(part * 1000) / 10}%`;

/**
 * The 90 days as one painted strip: a gradient with a stop wherever the level changes. The server sends
 * this instead of 90 elements with their labels; the browser replaces it with the interactive bars. Each
 * stop starts where the previous one ended ("0" is clamped to it) and names its colour by a short variable
 * (status-page.css): a page of 50 components carries 50 of these.
 */
export function stripBackground(levels: string): string {
  const n = levels.length;
  const stops: string[] = [];
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && levels[j] === levels[i]) j++;
    stops.push(j === n ? `var(--b${levels[i]}) 0` : `var(--b${levels[i]}) 0 ${pct(j / n)}`);
    i = j;
  }
  return `linear-gradient(90deg,${stops.join(",")})`;
}

export interface StripFocus {
  /** The day that takes the group's tab stop when this strip holds it; null when another strip holds it. */
  tabDay: number | null;
  /** The day whose details are shown, or null. */
  shown: number | null;
  show(day: number | null): void;
  focus(day: number): void;
  barRef(day: number, el: HTMLSpanElement | null): void;
}

/**
 * Ninety daily bars (thirty on a phone). The group they are in holds one tab stop for all its strips
 * (component-row.tsx); here each bar has its text alternative, and its details show on hover, on keyboard
 * focus and on a tap. Until the page is live in the browser the strip is painted in one piece (the uptime
 * figures above it carry the numbers), hidden from assistive technology.
 */
export function UptimeBars({ label, data, live, f }: { label: string; data: BarData; live: boolean; f: StripFocus }) {
  const { t, locale } = useT();
  const bars = useMemo(
    () =>
      live
        ? barDays(data).map((d) => {
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
          })
        : [],
    [data, locale, t, live],
  );
  const tip = f.shown === null ? undefined : bars[f.shown];
  // On a phone only the last 30 bars are drawn: the tip is placed within them.
  const visibleFrom = typeof window !== "undefined" && window.matchMedia?.("(max-width: 639px)").matches ? bars.length - 30 : 0;
  return (
    <div className="us-w">
      {live ? (
        <div role="group" aria-label={label} className="uptime-strip" onMouseLeave={() => f.show(null)}>
          {bars.map((b, i) => (
            <span
              key={b.day}
              ref={(el) => f.barRef(i, el)}
              role="img"
              aria-label={b.label}
              tabIndex={i === f.tabDay ? 0 : -1}
              onFocus={() => f.focus(i)}
              onMouseEnter={() => f.show(i)}
              onClick={() => f.focus(i)}
              className={`uptime-bar ${BAR[b.level]}`}
            />
          ))}
        </div>
      ) : (
        // The painted strip says nothing a text alternative could (the figures above it carry the numbers), so
        // assistive technology skips it; the live strip has a label for each day.
        <div aria-hidden="true" className="up" style={{ backgroundImage: stripBackground(data.levels) }} />
      )}
      {tip && f.shown !== null && (
        <div
          aria-hidden="true"
          className="tip"
          style={{ left: `clamp(8rem, ${((f.shown - visibleFrom + 0.5) / (bars.length - visibleFrom)) * 100}%, calc(100% - 8rem))` }}
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
    </div>
  );
}
