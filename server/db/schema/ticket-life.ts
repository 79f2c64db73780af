import "server-only";

/** Merges, follow-ups and satisfaction ratings. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- tables arrive with their migration
export interface TicketLifeTables {}
