import "server-only";
import type { Role } from "../db/schema";

/** The one permission catalog. Procedures declare one of these; code asks `can(actor, …)`. */
export const PERMISSIONS = [
  "ticket.create",
  "ticket.read.own",
  "ticket.reply.own",
  "ticket.read.any",
  "ticket.reply",
  "ticket.note",
  "ticket.update",
  "ticket.assign",
  "inbox.view",
  "user.manage",
  "audit.read",
  "outbox.read",
  "article.edit",
  "article.publish",
  "kb.analytics",
  "status.manage",
  "incident.manage",
  "monitor.manage",
  // Export and erase customers' personal data, set retention (server/privacy).
  "privacy.manage",
  // Reserved for SLA policies and reports.
  "sla.manage",
  "report.read",
  "alert.ack",
  // The agent workspace: views and macros shared with everyone or a team, tags and categories, teams.
  "view.share",
  "macro.share",
  "taxonomy.manage",
  "team.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const CUSTOMER: Permission[] = ["ticket.create", "ticket.read.own", "ticket.reply.own"];
const AGENT: Permission[] = [
  ...CUSTOMER,
  "ticket.read.any",
  "ticket.reply",
  "ticket.note",
  "ticket.update",
  "ticket.assign",
  "inbox.view",
  "article.edit",
  "alert.ack",
  "incident.manage",
];
const LEAD: Permission[] = [
  ...AGENT,
  "article.publish",
  "kb.analytics",
  "status.manage",
  "monitor.manage",
  "sla.manage",
  "report.read",
  "audit.read",
  "view.share",
  "macro.share",
  "taxonomy.manage",
  "team.manage",
];
const ADMIN: Permission[] = [...LEAD, "user.manage", "outbox.read", "privacy.manage"];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  customer: new Set(CUSTOMER),
  agent: new Set(AGENT),
  lead: new Set(LEAD),
  admin: new Set(ADMIN),
};

export const ROLES: readonly Role[] = ["customer", "agent", "lead", "admin"];
/** The roles staff are invited with: everyone but customers. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== "customer");

export function can(actor: { role: Role } | null | undefined, permission: Permission): boolean {
  return !!actor && ROLE_PERMISSIONS[actor.role].has(permission);
}

/** The roles that hold a permission: for queries that pick people by what they may do (`role in …`). */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => ROLE_PERMISSIONS[r].has(permission));
}

/** What an actor may do, for the interface (navigation) to show without a copy of the catalog. */
export function permissionsOf(actor: { role: Role }): Permission[] {
  return [...ROLE_PERMISSIONS[actor.role]];
}
