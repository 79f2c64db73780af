import "server-only";
import type { DB, Tx } from "../db";

/** How a ticket is tied to others: merged duplicates and follow-ups (ticket_links, migration 0018). */
export interface TicketLinks {
  /** This ticket was merged into that one (it is closed and answers with a pointer). */
  mergedInto: number | null;
  /** Tickets merged into this one. */
  mergedFrom: number[];
  /** This ticket continues that closed one. */
  followUpOf: number | null;
  /** Tickets that continue this one. */
  followUps: number[];
}

/** Both directions of a ticket's links, through the primary key and the (other_id, kind) index. */
export async function readTicketLinks(executor: DB | Tx, ticketId: number): Promise<TicketLinks> {
  const [own, pointing] = await Promise.all([
    executor.selectFrom("ticket_links").select(["kind", "other_id"]).where("ticket_id", "=", ticketId).execute(),
    executor
      .selectFrom("ticket_links")
      .select(["kind", "ticket_id"])
      .where("other_id", "=", ticketId)
      .orderBy("ticket_id")
      .limit(100)
      .execute(),
  ]);
  return {
    mergedInto: own.find((l) => l.kind === "merged_into")?.other_id ?? null,
    mergedFrom: pointing.filter((l) => l.kind === "merged_into").map((l) => l.ticket_id),
    followUpOf: own.find((l) => l.kind === "follow_up_of")?.other_id ?? null,
    followUps: pointing.filter((l) => l.kind === "follow_up_of").map((l) => l.ticket_id),
  };
}
