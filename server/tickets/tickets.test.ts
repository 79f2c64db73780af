import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import { verifyAuditChain } from "../audit/verify-chain";

const validTicket = {
  subject: "Checkout returns 502 after deploy",
  description: "Since this morning's deploy the checkout page fails for every customer.",
  steps: "1. Add any product\n2. Open /checkout",
  expected: "The payment form",
  actual: "502 Bad Gateway",
  pageUrl: "https://shop.example.com/checkout",
  priority: "urgent" as const,
};

describeEachDialect("tickets through the API", (use) => {
  let alice: Actor, bob: Actor, agent: Actor, lead: Actor;
  let ticketId: number;

  beforeAll(async () => {
    const db = use();
    [alice, bob, agent, lead] = await Promise.all([makeCustomer(db), makeCustomer(db), makeAgent(db), makeLead(db)]);
    ticketId = (await apiAs(db, alice).tickets.create(validTicket)).id;
  });

  it("a customer files a ticket and sees it in My tickets", async () => {
    const db = use();
    const mine = await apiAs(db, alice).tickets.mine({});
    expect(mine.items.map((t) => t.id)).toContain(ticketId);
    const t = await apiAs(db, alice).tickets.get({ id: ticketId });
    expect(t).toMatchObject({
      subject: validTicket.subject,
      status: "new",
      priority: "urgent",
      can: { reply: true, note: false, update: false },
    });
    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "ticket.created")
      .where("entity_id", "=", String(ticketId))
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(alice.id);
  });

  it("an agent replies publicly; the customer sees it and is emailed", async () => {
    const db = use();
    const outboxBefore = await countRows(db, "outbox_emails");
    await apiAs(db, agent).tickets.reply({ ticketId, body: "We rolled back the deploy; checkout works again.", kind: "reply" });
    const t = await apiAs(db, alice).tickets.get({ id: ticketId });
    expect(t.messages.map((m) => m.body)).toContain("We rolled back the deploy; checkout works again.");
    expect(t.status).toBe("open");
    expect(t.firstResponseAt).not.toBeNull();
    expect(await countRows(db, "outbox_emails")).toBe(outboxBefore + 1);
    const mail = await db.selectFrom("outbox_emails").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(alice.email);
    expect(mail.body_text).toContain("We rolled back the deploy");
    const job = await db.selectFrom("jobs").selectAll().where("type", "=", "email.send").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(job.payload)).toEqual({ emailId: mail.id });
  });

  it("internal notes are never shown to the customer", async () => {
    const db = use();
    await apiAs(db, agent).tickets.reply({ ticketId, body: "Root cause: the new nginx config dropped the upstream.", kind: "note" });
    const forCustomer = await apiAs(db, alice).tickets.get({ id: ticketId });
    expect(forCustomer.messages.some((m) => m.kind === "note")).toBe(false);
    const forAgent = await apiAs(db, agent).tickets.get({ id: ticketId });
    expect(forAgent.messages.some((m) => m.kind === "note")).toBe(true);
  });

  it("a customer cannot add a note", async () => {
    const db = use();
    const before = await countRows(db, "ticket_messages");
    expect(await errorCode(apiAs(db, alice).tickets.reply({ ticketId, body: "sneaky", kind: "note" }))).toBe("NOT_FOUND");
    expect(await countRows(db, "ticket_messages")).toBe(before);
  });

  it("staff change status, priority and assignee, each audited", async () => {
    const db = use();
    await apiAs(db, agent).inbox.update({ ticketId, status: "pending", priority: "high", assigneeId: lead.id });
    const t = await apiAs(db, agent).tickets.get({ id: ticketId });
    expect(t).toMatchObject({ status: "pending", priority: "high", assignee: { id: lead.id } });
    const actions = (await db.selectFrom("audit_events").select("action").where("entity_id", "=", String(ticketId)).execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["ticket.status_changed", "ticket.priority_changed", "ticket.assigned"]));
  });

  it("assigning to a customer is refused with a field error", async () => {
    const db = use();
    expect(await errorCode(apiAs(db, agent).inbox.update({ ticketId, assigneeId: bob.id }))).toBe("BAD_REQUEST");
  });

  it("the customer's reply reopens a pending ticket", async () => {
    const db = use();
    await apiAs(db, alice).tickets.reply({ ticketId, body: "Confirmed, it works. Thank you!" });
    expect((await apiAs(db, agent).tickets.get({ id: ticketId })).status).toBe("open");
  });

  it("the inbox lists open tickets newest first when asked, paginated by key", async () => {
    const db = use();
    for (let i = 0; i < 5; i++) await apiAs(db, bob).tickets.create({ ...validTicket, subject: `Ticket number ${i}` });
    const first = await apiAs(db, agent).inbox.list({ view: "open", sort: "created", limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.items[0].id).toBeGreaterThan(first.items[1].id);
    const second = await apiAs(db, agent).inbox.list({ view: "open", sort: "created", limit: 3, cursor: first.nextCursor! });
    expect(second.items[0].id).toBeLessThan(first.items[2].id);
    const mine = await apiAs(db, lead).inbox.list({ view: "mine" });
    expect(mine.items.map((t) => t.id)).toEqual([ticketId]);
  });

  it("closed tickets take no more replies or changes", async () => {
    const db = use();
    const { id } = await apiAs(db, bob).tickets.create({ ...validTicket, subject: "Old question" });
    await apiAs(db, agent).inbox.update({ ticketId: id, status: "closed" });
    expect(await errorCode(apiAs(db, bob).tickets.reply({ ticketId: id, body: "One more thing" }))).toBe("CONFLICT");
    expect(await errorCode(apiAs(db, agent).inbox.update({ ticketId: id, status: "open" }))).toBe("CONFLICT");
  });

  it("keeps the audit chain intact through all of it", async () => {
    expect((await verifyAuditChain(use())).ok).toBe(true);
  });
});
