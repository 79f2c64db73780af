"use client";
import { useState } from "react";
import type { Translator } from "@/lib/i18n";
import { useT } from "@/lib/i18n/client";

const W = 600;
const H = 90;
const PAD = { top: 8, bottom: 4 };

/** What the chart shows, in words: the text alternative and the caption. */
export function latencySummary(points: (number | null)[], t: Translator): string {
  const measured = points.filter((v): v is number => v !== null);
  if (measured.length === 0) return t("status.latency.none");
  const avg = Math.round(measured.reduce((a, b) => a + b, 0) / measured.length);
  return t("status.latency.summary", { avg, peak: Math.max(...measured), min: Math.min(...measured) });
}

/**
 * Hourly average response time as an inline SVG line (no chart library). Hours without measurements
 * break the line instead of being drawn as zero.
 */
function LatencyChart({ points, title, t, id }: { points: (number | null)[]; title: string; t: Translator; id: string }) {
  const summary = latencySummary(points, t);
  const values = points.filter((v): v is number => v !== null);
  const top = Math.max(100, ...values) * 1.15;
  const x = (i: number) => (points.length < 2 ? 0 : (i / (points.length - 1)) * W);
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  let d = "";
  let pen = false;
  points.forEach((p, i) => {
    if (p === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(0)},${y(p).toFixed(0)}`;
    pen = true;
  });
  const peak = values.length ? Math.max(...values) : null;
  return (
    <figure className="mt-2">
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-20 w-full" role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        <line x1="0" x2={W} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#cbd5e1" strokeWidth="1" />
        {peak !== null && <line x1="0" x2={W} y1={y(peak)} y2={y(peak)} stroke="#e2e8f0" strokeDasharray="4 4" strokeWidth="1" />}
        {d && <path d={`${d}`} fill="none" stroke="#1d4ed8" strokeWidth="2" vectorEffect="non-scaling-stroke" strokeLinejoin="round" />}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-700">{summary}</figcaption>
    </figure>
  );
}

/**
 * The response-time charts of one component, drawn only once the reader opens them: the page carries
 * just the hourly averages (closed, the charts would otherwise be most of its weight).
 */
export function LatencyDetails({
  id,
  name,
  last24h,
  last7d,
}: {
  id: number;
  name: string;
  last24h: (number | null)[];
  last7d: (number | null)[];
}) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-3 text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer font-semibold text-blue-800">{t("status.latency.heading")}</summary>
      {open && (
        <>
          <p className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-700">{t("status.latency.24h")}</p>
          <LatencyChart
            id={`lat24-${id}`}
            points={last24h}
            title={`${t("status.latency.heading")}: ${name}, ${t("status.latency.24h")}`}
            t={t}
          />
          <p className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-700">{t("status.latency.7d")}</p>
          <LatencyChart
            id={`lat7-${id}`}
            points={last7d}
            title={`${t("status.latency.heading")}: ${name}, ${t("status.latency.7d")}`}
            t={t}
          />
        </>
      )}
    </details>
  );
}
