import type { Locale, Translator } from "@/lib/i18n";
import type { ComponentWithHistory } from "@/server/status/get-status-page";
import { UPTIME_WINDOWS, formatUptime } from "@/server/status/uptime";
import { LatencyDetails } from "./latency-chart";
import { StatusPill } from "./status-pill";
import { UptimeBars, type BarDay } from "./uptime-bars";

/** One component: current status, uptime figures, 90 daily bars and its response time. */
export function ComponentRow({ c, t, locale, grouped }: { c: ComponentWithHistory; t: Translator; locale: Locale; grouped: boolean }) {
  const Heading = grouped ? "h4" : "h3";
  const noData = t("status.noData");
  const days: BarDay[] = c.days.map((d) => ({ day: d.day, level: d.level, uptime: d.uptime, incidents: d.incidents.map((i) => i.title) }));
  const hasLatency = c.latency24h.some((p) => p.avgMs !== null) || c.latency7d.some((p) => p.avgMs !== null);
  return (
    <li className="py-5" id={`component-${c.slug}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <Heading className="font-semibold text-slate-900">{c.name}</Heading>
          {c.description && <p className="text-sm text-slate-700">{c.description}</p>}
        </div>
        <StatusPill status={c.status} t={t} />
      </div>
      {c.monitored ? (
        <>
          <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
            {UPTIME_WINDOWS.map((w) => (
              <div key={w} className="flex gap-1.5">
                <dt className="text-slate-700">{t(`status.uptime.${w}`)}</dt>
                <dd className="font-semibold tabular-nums text-slate-900">{formatUptime(c.uptime[w], noData)}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-3">
            <UptimeBars label={t("status.bars.label", { name: c.name })} days={days} startLabel={t("status.bars.start")} endLabel={t("status.bars.today")} />
          </div>
          {hasLatency && (
            <LatencyDetails id={c.id} name={c.name} last24h={c.latency24h.map((p) => p.avgMs)} last7d={c.latency7d.map((p) => p.avgMs)} />
          )}
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-700">{t("status.notMonitored")}</p>
      )}
    </li>
  );
}
