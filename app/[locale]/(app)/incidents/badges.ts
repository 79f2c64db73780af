/** Badge colours (from components/ui) for incident impact and component status. */
export const IMPACT_BADGE = { none: "low", minor: "pending", major: "high", critical: "urgent" } as const;
export const COMPONENT_BADGE = {
  operational: "solved",
  degraded: "new",
  partial_outage: "high",
  major_outage: "urgent",
  maintenance: "pending",
} as const;
