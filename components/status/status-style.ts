import type { ComponentStatus, IncidentImpact } from "@/server/db/schema";
import type { BarLevel } from "@/lib/status/uptime";

/**
 * Colours of the status page. Text colours keep 4.5:1 contrast on their backgrounds; shape and words carry meaning too.
 * The components' status pills are in status-page.css (.sp).
 */
export const BANNER: Record<ComponentStatus, string> = {
  operational: "bg-green-700 text-white",
  degraded: "bg-amber-100 text-amber-950 border border-amber-400",
  partial_outage: "bg-orange-700 text-white",
  major_outage: "bg-red-700 text-white",
  maintenance: "bg-blue-700 text-white",
};

export const IMPACT_BADGE: Record<IncidentImpact, string> = {
  none: "bg-slate-100 text-slate-800",
  minor: "bg-amber-100 text-amber-900",
  major: "bg-orange-100 text-orange-900",
  critical: "bg-red-700 text-white",
};

export const BAR: Record<BarLevel, string> = {
  nodata: "bg-slate-200",
  ok: "bg-green-600",
  minor: "bg-amber-400",
  major: "bg-orange-600",
  critical: "bg-red-700",
};
