"use client";
import { useT } from "@/lib/i18n/client";
import { UPTIME_WINDOWS, formatUptime } from "@/lib/status/uptime";
import type { CompactComponent } from "./compact";
import { LatencyDetails } from "./latency-chart";
import { StatusPill } from "./status-pill";
import { UptimeBars } from "./uptime-bars";

export interface CompactGroup {
  id: number | null;
  name: string | null;
  components: CompactComponent[];
}

/**
 * The components, grouped. Drawn from compact data in the browser (and on the server for the HTML), so the
 * page carries each component's history once, as data, rather than a second time as a tree of elements.
 */
export function ComponentGroups({ groups }: { groups: CompactGroup[] }) {
  return groups.map((g) => (
    <div key={g.id ?? "other"} className="mt-4 rounded-lg border border-slate-200 bg-white px-5 shadow-sm">
      {g.name && <h3 className="border-b border-slate-200 py-3 text-sm font-semibold uppercase tracking-wide text-slate-700">{g.name}</h3>}
      <ul className="divide-y divide-slate-100">
        {g.components.map((c) => (
          <ComponentRow key={c.id} c={c} grouped={!!g.name} />
        ))}
      </ul>
    </div>
  ));
}

/** One component: current status, uptime figures, 90 daily bars and its response time. */
function ComponentRow({ c, grouped }: { c: CompactComponent; grouped: boolean }) {
  const { t } = useT();
  const Heading = grouped ? "h4" : "h3";
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
          <dl className="uptime-figures">
            {UPTIME_WINDOWS.map((w) => (
              <div key={w}>
                <dt>{t(`status.uptime.${w}`)}</dt>
                <dd>{formatUptime(c.uptime[w], t("status.noData"))}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-3">
            <UptimeBars label={t("status.bars.label", { name: c.name })} data={c} />
          </div>
          {c.latency.length > 0 && <LatencyDetails id={c.id} name={c.name} last24h={c.latency.slice(-24)} last7d={c.latency} />}
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-700">{t("status.notMonitored")}</p>
      )}
    </li>
  );
}
