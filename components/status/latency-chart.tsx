import type { LatencyPoint } from "@/server/status/uptime";
import type { Translator } from "@/lib/i18n";

const W = 600;
const H = 90;
const PAD = { top: 8, bottom: 4 };

/** What the chart shows, in words: the text alternative and the caption. */
export function latencySummary(points: LatencyPoint[], t: Translator): string {
  const measured = points.map((p) => p.avgMs).filter((v): v is number => v !== null);
  if (measured.length === 0) return t("status.latency.none");
  const avg = Math.round(measured.reduce((a, b) => a + b, 0) / measured.length);
  return t("status.latency.summary", { avg, peak: Math.max(...measured), min: Math.min(...measured) });
}

/**
 * Hourly average response time as an inline SVG line (no chart library). Hours without measurements
 * break the line instead of being drawn as zero.
 */
export function LatencyChart({ points, title, t, id }: { points: LatencyPoint[]; title: string; t: Translator; id: string }) {
  const summary = latencySummary(points, t);
  const values = points.map((p) => p.avgMs).filter((v): v is number => v !== null);
  const top = Math.max(100, ...values) * 1.15;
  const x = (i: number) => (points.length < 2 ? 0 : (i / (points.length - 1)) * W);
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  let d = "";
  let pen = false;
  points.forEach((p, i) => {
    if (p.avgMs === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(p.avgMs).toFixed(1)}`;
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
