import "server-only";
import type { DemoSetup, DemoSetupWithTickets } from "./types";
import { createTicket } from "../tickets/create-ticket";
import { mergeTicket } from "../ticket-life/merge-tickets";
import { rateTicket, RATING_WINDOW_MS } from "../ticket-life/csat";

const MINUTE = 60_000;

/** Demo merged duplicates, follow-ups and satisfaction ratings: set up before the tickets arrive. */
export async function seedTicketLifeDemo(_setup: DemoSetup): Promise<void> {}

/**
 * What follows once the tickets are in, in the last minutes before "now" (after every replayed event, so the
 * audit trail stays in time order): Dana writes about the password reset emails a second time and Sam merges
 * the duplicate into the ticket he is already working on; customers rate some of their solved tickets (one bad).
 */
export async function finishTicketLifeDemo(setup: DemoSetupWithTickets): Promise<void> {
  const { db, now, ctxOf, actors, appUrl } = setup;
  const original = await db
    .selectFrom("tickets")
    .select(["id", "status"])
    .where("requester_id", "=", actors.dana.id)
    .where("subject", "=", "Customers don't receive password reset emails")
    .executeTakeFirst();
  if (original && original.status !== "closed") {
    const duplicate = await createTicket(db, ctxOf("dana", now - 4 * MINUTE), {
      subject: "Password reset emails still not arriving",
      description: "Another customer just told me they never got the reset email. Is anyone looking at this? It has been days now.",
      priority: "high",
    });
    await mergeTicket(db, ctxOf("sam", now - 3 * MINUTE), { sourceId: duplicate.id, targetId: original.id }, appUrl);
  }

  // Ratings: the solve emails asked every requester; a few answer while the window is still open.
  const asked = await db
    .selectFrom("ticket_ratings as r")
    .innerJoin("tickets as t", "t.id", "r.ticket_id")
    .innerJoin("users as u", "u.id", "r.requester_id")
    .select(["r.ticket_id", "u.email"])
    .where("r.asked_at", ">", now - RATING_WINDOW_MS + 10 * MINUTE)
    .where("t.status", "in", ["solved", "closed"])
    .orderBy("r.ticket_id")
    .limit(5)
    .execute();
  const people = Object.entries(actors);
  for (const [i, a] of asked.entries()) {
    const key = people.find(([, actor]) => actor.email === a.email)?.[0] as keyof typeof actors | undefined;
    if (!key) continue;
    const bad = i === asked.length - 1 && asked.length > 1;
    await rateTicket(db, ctxOf(key, now - 2 * MINUTE), {
      ticketId: a.ticket_id,
      rating: bad ? "bad" : "good",
      comment: bad ? "It works now, but it took three days and I had to ask twice." : "",
    });
  }
}
