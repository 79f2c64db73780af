import type { firstHourEn } from "./first-hour.en";

/** Russian strings of newcomer polish: titles, forms, locale notices: the same keys as first-hour.en.ts. */
export const firstHourRu: Record<keyof typeof firstHourEn, string> = {};
