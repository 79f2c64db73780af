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
 * The response-time charts of a group's components, fetched and drawn only once the reader opens them
 * (GET /api/status/latency, served from the page cache): the page itself carries none of them.
 */
export function LatencyDetails({ components }: { components: { id: number; name: string }[] }) {
  const { t } = useT();
  const [data, setData] = useState<Record<number, (number | null)[]> | "loading" | "failed" | null>(null);
  function onToggle(open: boolean) {
    if (!open || (data !== null && data !== "failed")) return;
    setData("loading");
    fetch("/api/status/latency")
      .then((r) => (r.ok ? (r.json() as Promise<Record<number, (number | null)[]>>) : Promise.reject(new Error(String(r.status)))))
      .then(setData, () => setData("failed"));
  }
  return (
    <details className="sg-lat" onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>{t("status.latency.heading")}</summary>
      {data === "loading" && <p className="mt-2 text-slate-700">{t("status.latency.loading")}</p>}
      {data === "failed" && <p className="mt-2 text-slate-700">{t("status.latency.failed")}</p>}
      {data !== null &&
        typeof data === "object" &&
        components.map((c) => {
          const points = data[c.id] ?? [];
          return (
            <div key={c.id} className="mt-4">
              <p className="font-semibold text-slate-900">{c.name}</p>
              <p className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-700">{t("status.latency.24h")}</p>
              <LatencyChart
                id={`lat24-${c.id}`}
                points={points.slice(-24)}
                title={`${t("status.latency.heading")}: ${c.name}, ${t("status.latency.24h")}`}
                t={t}
              />
              <p className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-700">{t("status.latency.7d")}</p>
              <LatencyChart
                id={`lat7-${c.id}`}
                points={points}
                title={`${t("status.latency.heading")}: ${c.name}, ${t("status.latency.7d")}`}
                t={t}
              />
            </div>
          );
        })}
    </details>
  );
}
