import type { ticketWorkEn } from "./ticket-work.en";

/** Russian strings of working a ticket: conversation timeline, attachments, presence, shortcuts: the same keys as ticket-work.en.ts. */
export const ticketWorkRu: Record<keyof typeof ticketWorkEn, string> = {};
