import type { inboxEn } from "./inbox.en";

/** Russian strings of the agent inbox: views, filters, saved views, staff search: the same keys as inbox.en.ts. */
export const inboxRu: Record<keyof typeof inboxEn, string> = {};
