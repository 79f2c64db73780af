import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { DAY_MS } from "./auto-close";

async function snapshot(db: DB) {
  return {
    ratings: await db.selectFrom("ticket_ratings").selectAll().orderBy("ticket_id").execute(),
    audit: await countRows(db, "audit_events"),
    outbox: await countRows(db, "outbox_emails"),
  };
}

/** The two rating links of the newest solve email to `to`: the token and the rating each carries. */
async function ratingLinks(db: DB, to: string): Promise<{ good: string; bad: string; body: string }> {
  const mail = await db
    .selectFrom("outbox_emails")
    .select(["body_text"])
    .where("to_address", "=", to)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const tokens = [...mail.body_text.matchAll(/\/rate\/([^?\s]+)\?r=(good|bad)/g)].map((m) => [m[2], decodeURIComponent(m[1])]);
  const byRating = Object.fromEntries(tokens) as { good: string; bad: string };
  return { ...byRating, body: mail.body_text };
}

describeEachDialect("satisfaction ratings (CSAT)", (use) => {
  let customer: Actor, stranger: Actor, agent: Actor, lead: Actor;
  let clock = 1_820_000_000_000;
  const now = () => clock;
  const solvedTicket = async (subject: string) => {
    const db = use();
    const { id } = await apiAs(db, customer, now).tickets.create({ subject, description: `${subject}, described in full.` });
    await apiAs(db, agent, now).inbox.update({ ticketId: id, assigneeId: agent.id });
    await apiAs(db, agent, now).inbox.update({ ticketId: id, status: "solved" });
    return id;
  };

  beforeAll(async () => {
    const db = use();
    [customer, stranger, agent, lead] = await Promise.all([makeCustomer(db), makeCustomer(db), makeAgent(db), makeLead(db)]);
    const team = await db
      .insertInto("teams")
      .values({ name: "Billing desk", lead_id: lead.id, created_at: clock, updated_at: clock })
      .executeTakeFirstOrThrow();
    await db
      .insertInto("team_members")
      .values({ team_id: Number(team.insertId), user_id: agent.id, created_at: clock })
      .execute();
  });

  it("solving a ticket emails the requester a link to it and two signed rating links; the link rates it without signing in", async () => {
    const db = use();
    const id = await solvedTicket("Refund missing");
    const links = await ratingLinks(db, customer.email);
    expect(links.body).toMatch(new RegExp(`https?://\\S+/tickets/${id}\\n`));
    expect(links.good).toMatch(new RegExp(`^${id}-`));

    const page = await apiAs(db, null, now).ticketLife.ratingLink({ token: links.good });
    expect([page.ticketId, page.subject, page.rating]).toEqual([id, "Refund missing", null]);
    const rated = await apiAs(db, null, now).ticketLife.rateByLink({ token: links.good, rating: "good", comment: "Quick and kind" });
    expect([rated.rating, rated.comment]).toEqual(["good", "Quick and kind"]);

    // Staff see it on the ticket, and the timeline names the requester.
    const staffView = await apiAs(db, agent, now).tickets.get({ id });
    expect(staffView.rating.rating).toBe("good");
    const event = staffView.events.find((e) => e.action === "ticket.rated");
    expect(event?.actor?.id).toBe(customer.id);
  });

  it("once per ticket: changing it within 7 days replaces it (a bad one tells the assignee's lead); after the window it is refused", async () => {
    const db = use();
    const id = await solvedTicket("Invoice in wrong currency");
    const links = await ratingLinks(db, customer.email);
    await apiAs(db, customer, now).ticketLife.rate({ ticketId: id, rating: "good" });
    const leadNotes = async () =>
      Number(
        (
          await db
            .selectFrom("notifications")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("user_id", "=", lead.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await leadNotes();
    clock += 6 * DAY_MS;
    await apiAs(db, null, now).ticketLife.rateByLink({ token: links.bad, rating: "bad", comment: "It came back" });
    const rows = await db.selectFrom("ticket_ratings").selectAll().where("ticket_id", "=", id).execute();
    expect(rows.map((r) => [r.rating, r.comment])).toEqual([["bad", "It came back"]]);
    expect(await leadNotes()).toBe(before + 1);

    clock += 1 * DAY_MS + 1;
    const frozen = await snapshot(db);
    expect(await errorCode(apiAs(db, null, now).ticketLife.rateByLink({ token: links.good, rating: "good" }))).toBe("BAD_REQUEST");
    expect(await errorCode(apiAs(db, customer, now).ticketLife.rate({ ticketId: id, rating: "good" }))).toBe("BAD_REQUEST");
    expect(await snapshot(db)).toEqual(frozen);
  });

  it("a tampered link is NOT_FOUND and changes nothing", async () => {
    const db = use();
    const id = await solvedTicket("Tamper target");
    const { good } = await ratingLinks(db, customer.email);
    const other = await solvedTicket("Another solved one");
    const [, askedAt, sig] = /^\d+-(\d+)-(.+)$/.exec(good)!;
    const frozen = await snapshot(db);
    const api = apiAs(db, null, now);
    const flipped = sig.slice(0, -1) + (sig.endsWith("A") ? "B" : "A");
    for (const token of [
      `${other}-${askedAt}-${sig}`,
      `${id}-${Number(askedAt) + 1}-${sig}`,
      `${other}-${askedAt}-${flipped}`,
      "garbage",
      `${id}-${askedAt}-`,
    ]) {
      expect(await errorCode(api.ticketLife.rateByLink({ token, rating: "bad" }))).toBe("NOT_FOUND");
      expect(await errorCode(api.ticketLife.ratingLink({ token }))).toBe("NOT_FOUND");
    }
    expect(await snapshot(db)).toEqual(frozen);
    expect(id).not.toBe(other);
  });

  it("outsiders: only the requester rates in the portal; staff and strangers get NOT_FOUND; an unsolved ticket cannot be rated", async () => {
    const db = use();
    const id = await solvedTicket("Only mine to rate");
    const { id: open } = await apiAs(db, customer, now).tickets.create({
      subject: "Not solved yet",
      description: "Still waiting for an answer.",
    });
    const frozen = await snapshot(db);
    expect(await errorCode(apiAs(db, stranger, now).ticketLife.rate({ ticketId: id, rating: "bad" }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, agent, now).ticketLife.rate({ ticketId: id, rating: "good" }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null, now).ticketLife.rate({ ticketId: id, rating: "good" }))).toBe("UNAUTHORIZED");
    expect(await errorCode(apiAs(db, customer, now).ticketLife.rate({ ticketId: open, rating: "good" }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, customer, now).ticketLife.rate({ ticketId: id, rating: "meh" as "good" }))).toBe("BAD_REQUEST");
    expect(await snapshot(db)).toEqual(frozen);
  });
});
