import "server-only";
import type { Actor } from "../context";
import { can, rolesWith } from "../auth/permissions";

/** Object rules for tickets: small and pure, tested for every role. */

/** Who may be assigned a ticket: the roles that answer any ticket. */
export const ASSIGNEE_ROLES = rolesWith("ticket.reply");

export function canSeeTicket(actor: Actor | null, ticket: { requester_id: number }): boolean {
  if (!actor) return false;
  return can(actor, "ticket.read.any") || (can(actor, "ticket.read.own") && ticket.requester_id === actor.id);
}

export function canReplyToTicket(actor: Actor | null, ticket: { requester_id: number; status: string }): boolean {
  if (!actor || ticket.status === "closed") return false;
  return can(actor, "ticket.reply") || (can(actor, "ticket.reply.own") && ticket.requester_id === actor.id);
}

export function canSeeNotes(actor: Actor | null): boolean {
  return can(actor, "ticket.note");
}

export interface TicketAbilities {
  reply: boolean;
  note: boolean;
  update: boolean;
  assign: boolean;
}

export function ticketAbilities(actor: Actor | null, ticket: { requester_id: number; status: string }): TicketAbilities {
  const open = ticket.status !== "closed";
  return {
    reply: canReplyToTicket(actor, ticket),
    note: open && can(actor, "ticket.note"),
    update: open && can(actor, "ticket.update"),
    assign: open && can(actor, "ticket.assign"),
  };
}
