import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { notFound } from "../errors";
import { getVisibleTicketOrThrow } from "../tickets/load-ticket";
import { ticketVersion } from "../tickets/timeline";
import { ZTicketId } from "../tickets/schemas";
import type { PresenceStore } from "../shared-state/presence";

export const ZBeat = z.object({ ticketId: ZTicketId, typing: z.boolean().default(false) });
export type TBeat = z.input<typeof ZBeat>;

export interface PresenceView {
  /** Other staff with the ticket open, and whether each is typing. */
  others: { id: number; name: string; typing: boolean }[];
  /** The ticket's version (timeline.ts): the page refreshes itself when it moves. */
  version: number;
}

/**
 * An agent's open ticket page says "still here" (and whether they are typing) every few seconds and hears
 * who else is there. Staff only; presence is fleeting, so it is not audited.
 */
export async function beatPresence(db: DB, ctx: RequestCtx, store: PresenceStore, raw: TBeat): Promise<PresenceView> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "inbox.view")) throw notFound();
  const input = ZBeat.parse(raw);
  const ticket = await getVisibleTicketOrThrow(db, actor, input.ticketId);
  const now = ctx.now();
  await store.beat(ticket.id, actor.id, input.typing, now);
  const [entries, version] = await Promise.all([store.list(ticket.id, now), ticketVersion(db, actor, ticket.id)]);
  const others = entries.filter((e) => e.userId !== actor.id);
  const names =
    others.length === 0
      ? []
      : await db
          .selectFrom("users")
          .select(["id", "name"])
          .where(
            "id",
            "in",
            others.map((o) => o.userId),
          )
          .execute();
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return { others: others.map((o) => ({ id: o.userId, name: nameOf.get(o.userId) ?? "", typing: o.typing })), version };
}

/** The agent left the ticket page. */
export async function leavePresence(db: DB, ctx: RequestCtx, store: PresenceStore, ticketId: number): Promise<void> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "inbox.view")) throw notFound();
  await store.leave(ZTicketId.parse(ticketId), actor.id);
}
