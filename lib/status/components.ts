// Shared by the server (schemas) and the staff forms in the browser.

export const COMPONENT_STATUSES = ["operational", "degraded", "partial_outage", "major_outage", "maintenance"] as const;
