import "server-only";
import type { Role } from "../db/schema";
import { can } from "../auth/permissions";

/**
 * Whose personal data is erased (by an admin or by themselves): accounts that cannot read every ticket,
 * that is customers. Staff accounts are disabled instead: their replies and notes are the team's record.
 */
export function isErasableAccount(user: { role: Role }): boolean {
  return !can(user, "ticket.read.any");
}
