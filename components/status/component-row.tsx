"use client";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
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
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  return groups.map((g) => <ComponentGroup key={g.id ?? "other"} g={g} live={live} />);
}

const PHONE = "(max-width: 639px)";

/**
 * One group: one tab stop for all its uptime strips. Left and right arrows (Home, End) move between days,
 * up and down between the group's components, on the same day; Escape hides the day's details.
 */
function ComponentGroup({ g, live }: { g: CompactGroup; live: boolean }) {
  const { t } = useT();
  const rows = g.components.filter((c) => c.monitored);
  const days = rows[0]?.levels.length ?? 0;
  const [at, setAt] = useState({ row: 0, day: days - 1 });
  const [shown, setShown] = useState<{ row: number; day: number } | null>(null);
  const refs = useRef<Map<string, HTMLSpanElement>>(new Map());

  function focus(row: number, day: number) {
    setAt({ row, day });
    setShown({ row, day });
    refs.current.get(`${row}:${day}`)?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Escape") return setShown(null);
    const first = window.matchMedia?.(PHONE).matches ? Math.max(0, days - 30) : 0;
    const move: Record<string, [number, number]> = {
      ArrowLeft: [at.row, at.day - 1],
      ArrowRight: [at.row, at.day + 1],
      Home: [at.row, first],
      End: [at.row, days - 1],
      ArrowUp: [at.row - 1, at.day],
      ArrowDown: [at.row + 1, at.day],
    };
    const to = move[e.key];
    if (!to || !(e.target instanceof HTMLElement) || !e.target.closest(".uptime-strip")) return;
    e.preventDefault();
    focus(Math.max(0, Math.min(rows.length - 1, to[0])), Math.max(first, Math.min(days - 1, to[1])));
  }

  const measured = rows.filter((c) => c.measured);
  return (
    <div className="sg" role={g.name ? "group" : undefined} aria-label={g.name ?? undefined} onKeyDown={onKeyDown}>
      {g.name && <h3>{g.name}</h3>}
      <ul>
        {g.components.map((c) => {
          const row = rows.indexOf(c);
          return (
            <li key={c.id} className="sc" id={`component-${c.slug}`}>
              <div className="sc-h">
                <div>
                  {g.name ? <h4>{c.name}</h4> : <h3>{c.name}</h3>}
                  {c.description && <p>{c.description}</p>}
                </div>
                <StatusPill status={c.status} t={t} />
              </div>
              {c.monitored ? (
                <>
                  <dl className="uf">
                    {UPTIME_WINDOWS.map((w) => [
                      <dt key={`t${w}`}>{t(`status.uptime.${w}`)}</dt>,
                      <dd key={`d${w}`}>{formatUptime(c.uptime[w], t("status.noData"))}</dd>,
                    ])}
                  </dl>
                  <UptimeBars
                    label={t("status.bars.label", { name: c.name })}
                    data={c}
                    live={live}
                    f={{
                      tabDay: row === at.row ? at.day : null,
                      shown: shown?.row === row ? shown.day : null,
                      show: (day) => setShown(day === null ? null : { row, day }),
                      focus: (day) => {
                        setAt({ row, day });
                        setShown({ row, day });
                      },
                      barRef: (day, el) => {
                        if (el) refs.current.set(`${row}:${day}`, el);
                        else refs.current.delete(`${row}:${day}`);
                      },
                    }}
                  />
                </>
              ) : (
                <p className="sc-n">{t("status.notMonitored")}</p>
              )}
            </li>
          );
        })}
      </ul>
      {rows.length > 0 && (
        <p className="us-l" aria-hidden="true">
          <span>
            <span className="us-90">{t("status.bars.start")}</span>
            <span className="us-30">{t("status.bars.start30")}</span>
          </span>
          <span>{t("status.bars.today")}</span>
        </p>
      )}
      {measured.length > 0 && <LatencyDetails components={measured.map((c) => ({ id: c.id, name: c.name }))} />}
    </div>
  );
}
