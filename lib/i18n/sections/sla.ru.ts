import type { slaEn } from "./sla.en";

/** Russian strings of SLA clocks, business-hours calendars, escalation: the same keys as sla.en.ts. */
export const slaRu: Record<keyof typeof slaEn, string> = {};
