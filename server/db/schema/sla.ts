import "server-only";

/** Business-hours calendars, SLA policies, ticket clocks, pauses and recorded targets. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- tables arrive with their migration
export interface SlaTables {}
