import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { forUpdate } from "../db/dialect";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { ticketStatusColumns } from "../tickets/schemas";
import { afterTicketEvent } from "../tickets/ticket-events";

export const DAY_MS = 86_400_000;

/**
 * Closes tickets solved at least `days` days ago, up to `limit` of them, each in its own transaction:
 * the row is locked and checked again there, so two workers (or a customer's reply reopening the ticket
 * meanwhile) never close one twice or close a reopened one. Walks the (status, solved_at) index.
 * Returns how many it closed.
 */
/** Solved tickets whose time is up, oldest first: a walk of the (status, solved_at) index. */
export function solvedBefore(db: DB, cutoff: number, limit: number) {
  return db
    .selectFrom("tickets")
    .select("id")
    .where("status", "=", "solved")
    .where("solved_at", "<=", cutoff)
    .orderBy("solved_at")
    .limit(limit);
}

export async function closeSolvedTickets(db: DB, ctx: RequestCtx, opts: { days: number; limit?: number }): Promise<number> {
  const now = ctx.now();
  const cutoff = now - opts.days * DAY_MS;
  const due = await solvedBefore(db, cutoff, opts.limit ?? 200).execute();
  let closed = 0;
  for (const { id } of due) {
    const done = await transact(db, async (trx) => {
      const t = await forUpdate(
        trx,
        trx.selectFrom("tickets").selectAll().where("id", "=", id).where("status", "=", "solved").where("solved_at", "<=", cutoff),
      ).executeTakeFirst();
      if (!t) return false;
      const changes = { ...ticketStatusColumns("closed"), updated_at: now };
      await trx.updateTable("tickets").set(changes).where("id", "=", t.id).execute();
      await recordAudit(trx, ctx, {
        action: "ticket.status_changed",
        entityType: "ticket",
        entityId: t.id,
        before: { status: "solved" },
        after: { status: "closed", afterDays: opts.days },
      });
      await afterTicketEvent(trx, ctx, { kind: "changed", before: t, ticket: { ...t, ...changes } });
      return true;
    });
    if (done) closed++;
  }
  return closed;
}
