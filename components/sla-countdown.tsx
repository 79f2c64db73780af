"use client";
import { useEffect, useState } from "react";
import { useT } from "@/lib/i18n/client";
import type { Translator } from "@/lib/i18n";

export type SlaState = "ok" | "warn" | "breached" | "paused";

const STYLE: Record<SlaState, string> = {
  ok: "bg-green-100 text-green-900",
  warn: "bg-amber-100 text-amber-900",
  breached: "bg-red-100 text-red-900",
  paused: "bg-slate-200 text-slate-800",
};

/** "2 h 10 min", "45 min", "3 d 4 h": a duration as people read it. */
export function formatSlaDuration(ms: number, t: Translator): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t("sla.duration.dh", { d, h });
  if (h > 0) return t("sla.duration.hm", { h, m });
  return t("sla.duration.m", { m });
}

export function slaState(sla: { dueAt: number | null; warnAt: number | null; paused: boolean }, now: number): SlaState | null {
  if (sla.dueAt === null) return sla.paused ? "paused" : null;
  if (now >= sla.dueAt) return "breached";
  return sla.warnAt !== null && now >= sla.warnAt ? "warn" : "ok";
}

/**
 * A ticket's SLA countdown: green, amber in the last quarter, red once breached, grey while paused. It ticks in the
 * browser from the due time, so it stays right without a reload (the server renders the same text at its moment).
 */
export function SlaCountdown({ dueAt, warnAt, paused }: { dueAt: number | null; warnAt: number | null; paused: boolean }) {
  const { t } = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (dueAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, [dueAt]);
  const state = slaState({ dueAt, warnAt, paused }, now);
  if (state === null) return <span className="text-xs text-slate-600">{t("sla.countdown.none")}</span>;
  const text =
    state === "paused"
      ? t("sla.countdown.paused")
      : state === "breached"
        ? t("sla.countdown.over", { time: formatSlaDuration(now - dueAt!, t) })
        : t("sla.countdown.left", { time: formatSlaDuration(dueAt! - now, t) });
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${STYLE[state]}`}
      data-sla={state}
      aria-label={state === "paused" ? t("sla.countdown.label.paused") : t(`sla.countdown.label.${state}`, { text })}
      suppressHydrationWarning
    >
      {text}
    </span>
  );
}
