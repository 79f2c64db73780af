import "server-only";

/** Inbox tables: each arrives with the migration of the same domain. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the domain's tables arrive
export interface InboxTables {}
