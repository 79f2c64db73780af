import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import { manualClock } from "../clock";
import type { Actor } from "../context";
import { auditActions, makeComponents, makeTicket } from "./testing";

const HOUR = 3_600_000;

describeEachDialect("incidents and tickets", (use) => {
  let lead: Actor, agent: Actor, alice: Actor, bob: Actor;
  const clock = manualClock();
  beforeAll(async () => {
    const db = use();
    [lead, agent, alice, bob] = await Promise.all([makeLead(db), makeAgent(db), makeCustomer(db), makeCustomer(db)]);
  });

  it("suggests tickets from the incident's window, ranked by shared words and component mentions", async () => {
    const db = use();
    const api = apiAs(db, agent, clock.now);
    const [billing] = await makeComponents(db, lead, ["billing"]);
    await db.updateTable("status_components").set({ name_en: "Billing", name_ru: "Биллинг" }).where("id", "=", billing).execute();
    const start = clock.now();
    const tooEarly = await makeTicket(db, alice.id, start - 3 * HOUR, "Payments failing at checkout");
    const strong = await makeTicket(db, alice.id, start - HOUR, "Payments failing at checkout", "Card payments fail with an error");
    const component = await makeTicket(db, bob.id, start + 60_000, "Биллинг не открывается", "Страница биллинга пустая");
    const weak = await makeTicket(db, bob.id, start + 120_000, "Checkout question");
    const unrelated = await makeTicket(db, bob.id, start + 180_000, "How do I change my avatar?");
    const inc = await api.status.incidents.open({
      title: "Payments failing at checkout",
      impact: "major",
      components: [{ componentId: billing, status: "partial_outage" }],
      body: "Card payments fail.",
    });
    clock.advance(10 * 60_000);

    let suggestions = await api.status.incidents.suggestTickets({ id: inc.id });
    const ids = suggestions.map((s) => s.id);
    expect(ids).toEqual([strong, component, weak]);
    expect(ids).not.toContain(tooEarly);
    expect(ids).not.toContain(unrelated);
    expect(suggestions[1].mentionsComponents).toBe(1);

    await api.status.incidents.linkTicket({ incidentId: inc.id, ticketId: strong });
    await api.status.incidents.linkTicket({ incidentId: inc.id, ticketId: strong }); // twice is once
    suggestions = await api.status.incidents.suggestTickets({ id: inc.id });
    expect(suggestions.map((s) => s.id)).toEqual([component, weak]);

    const got = await api.status.incidents.get({ id: inc.id });
    expect(got.linkedTickets.map((t) => t.id)).toEqual([strong]);
    // Filed during = created since the incident started, linked or not.
    expect(got.ticketsFiledDuring).toBe(3);

    await api.status.incidents.unlinkTicket({ incidentId: inc.id, ticketId: strong });
    expect((await api.status.incidents.get({ id: inc.id })).linkedTickets).toEqual([]);
    expect(await errorCode(api.status.incidents.unlinkTicket({ incidentId: inc.id, ticketId: strong }))).toBe("NOT_FOUND");
    expect(await errorCode(api.status.incidents.linkTicket({ incidentId: inc.id, ticketId: 99_999 }))).toBe("NOT_FOUND");
    expect(await auditActions(db, "incident", inc.id)).toEqual(["incident.opened", "incident.ticket_linked", "incident.ticket_unlinked"]);
  });

  it("an update can reply on linked tickets, and resolving can solve them", async () => {
    const db = use();
    const api = apiAs(db, agent, clock.now);
    const inc = await api.status.incidents.open({ title: "Email delays", impact: "minor", body: "Emails are delayed." });
    const t1 = await makeTicket(db, alice.id, clock.now(), "No emails arriving");
    const t2 = await makeTicket(db, bob.id, clock.now(), "Password reset email missing");
    const closed = await makeTicket(db, bob.id, clock.now(), "Old email issue");
    await db.updateTable("tickets").set({ status: "closed", is_open: 0 }).where("id", "=", closed).execute();
    for (const ticketId of [t1, t2, closed]) await api.status.incidents.linkTicket({ incidentId: inc.id, ticketId });

    const quiet = await api.status.incidents.postUpdate({ incidentId: inc.id, status: "identified", body: "A mail relay is stuck." });
    expect(quiet.replied).toEqual({ done: 0, skipped: 0 });
    const outboxBefore = await db.selectFrom("outbox_emails").select("id").execute();
    const res = await api.status.incidents.postUpdate({
      incidentId: inc.id,
      status: "monitoring",
      body: "Emails are flowing again; delayed ones are being delivered.",
      notifyLinkedTickets: true,
    });
    expect(res.replied).toEqual({ done: 2, skipped: 0 });
    const messages = await db
      .selectFrom("ticket_messages")
      .selectAll()
      .where("ticket_id", "in", [t1, t2, closed])
      .orderBy("ticket_id")
      .execute();
    expect(messages.map((m) => [m.ticket_id, m.author_id, m.kind, m.body])).toEqual([
      [t1, agent.id, "reply", "Emails are flowing again; delayed ones are being delivered."],
      [t2, agent.id, "reply", "Emails are flowing again; delayed ones are being delivered."],
    ]);
    const emails = await db
      .selectFrom("outbox_emails")
      .selectAll()
      .where("id", "not in", outboxBefore.length ? outboxBefore.map((o) => o.id) : [0])
      .execute();
    expect(emails.map((e) => e.to_address).sort()).toEqual([alice.email, bob.email].sort());
    expect(emails[0].body_text).toContain("Emails are flowing again");

    const resolved = await api.status.incidents.resolve({ incidentId: inc.id, body: "All caught up.", solveLinkedTickets: true });
    expect(resolved.solved).toEqual({ done: 2, skipped: 0 });
    const statuses = await db.selectFrom("tickets").select(["id", "status"]).where("id", "in", [t1, t2, closed]).orderBy("id").execute();
    expect(statuses.map((s) => s.status)).toEqual(["solved", "solved", "closed"]);
    expect(await auditActions(db, "ticket", t1)).toEqual(["ticket.replied", "ticket.status_changed"]);
  });
});
