import type { ticketLifeEn } from "./ticket-life.en";

/** Russian strings of merging, closing, follow-ups and satisfaction ratings: the same keys as ticket-life.en.ts. */
export const ticketLifeRu: Record<keyof typeof ticketLifeEn, string> = {};
