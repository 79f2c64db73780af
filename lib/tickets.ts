// Ticket vocabulary shared by the server (schemas, rules) and the forms in the browser.

export const TICKET_STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const OPEN_STATUSES = ["new", "open", "pending", "on_hold"] as const;
export const INBOX_VIEWS = ["open", "mine", "unassigned", "solved", "all"] as const;
