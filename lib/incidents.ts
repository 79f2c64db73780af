// Incident vocabulary shared by the server (schemas, rules) and the staff forms and public pages.

export const INCIDENT_IMPACTS = ["none", "minor", "major", "critical"] as const;
/** The stages of an incident, in order: the public timeline shows them all. */
export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
/** Statuses an open incident moves through; resolving is its own step. */
export const OPEN_INCIDENT_STATUSES = ["investigating", "identified", "monitoring"] as const;
/** What an incident can do to a component; "maintenance" belongs to maintenance windows. */
export const AFFECTED_STATUSES = ["operational", "degraded", "partial_outage", "major_outage"] as const;
