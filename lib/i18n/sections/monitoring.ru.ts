import type { monitoringEn } from "./monitoring.en";

/** Russian strings of the monitoring area: the same keys as monitoring.en.ts. */
export const monitoringRu: Record<keyof typeof monitoringEn, string> = {};
