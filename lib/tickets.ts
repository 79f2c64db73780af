// Ticket vocabulary shared by the server (schemas, rules) and the forms in the browser.

export const TICKET_STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const OPEN_STATUSES = ["new", "open", "pending", "on_hold"] as const;
/** The inbox's built-in views, in the order of the sidebar ("all" is every ticket, closed ones too). */
export const INBOX_VIEWS = ["mine", "unassigned", "team", "open", "due_soon", "breached", "pending", "on_hold", "solved", "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
/**
 * List orders. "urgent" (the default) puts urgent and long-waiting work first. Each sort is a key the list
 * pages through (server/inbox/sorts.ts); an SLA "due" sort is one more entry there and here.
 */
export const INBOX_SORTS = ["urgent", "due", "updated", "created"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
/** Most tickets one bulk action changes. */
export const BULK_LIMIT = 100;
