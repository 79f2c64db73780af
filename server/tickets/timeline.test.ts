import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAgent, makeCustomer } from "@/tests/factories";
import type { Actor } from "../context";

describeEachDialect("timeline, version and collision detection", (use) => {
  let customer: Actor, anna: Actor, boris: Actor;
  let ticketId: number;

  beforeAll(async () => {
    const db = use();
    [customer, anna, boris] = await Promise.all([makeCustomer(db), makeAgent(db), makeAgent(db)]);
    ticketId = (await apiAs(db, customer).tickets.create({ subject: "Cannot log in", description: "The sign-in page keeps reloading." }))
      .id;
  });

  it("shows every change as a timeline event with who and when, read from the audit trail", async () => {
    const db = use();
    await apiAs(db, anna).inbox.update({ ticketId, priority: "high" });
    await apiAs(db, anna).inbox.update({ ticketId, assigneeId: boris.id });
    await apiAs(db, boris).inbox.update({ ticketId, status: "pending" });
    const staffView = await apiAs(db, anna).tickets.get({ id: ticketId });
    expect(staffView.events.map((e) => [e.action, e.actor?.name])).toEqual([
      ["ticket.priority_changed", anna.name],
      ["ticket.assigned", anna.name],
      ["ticket.status_changed", boris.name],
    ]);
    expect(staffView.events[1].names.assignee).toBe(boris.name);
    // The customer sees the status change, not the desk's workings.
    const customerView = await apiAs(db, customer).tickets.get({ id: ticketId });
    expect(customerView.events.map((e) => e.action)).toEqual(["ticket.status_changed"]);
  });

  it("a customer reply to a pending ticket reopens it, and the timeline says so", async () => {
    const db = use();
    await apiAs(db, customer).tickets.reply({ ticketId, body: "Still broken, sorry" });
    const t = await apiAs(db, anna).tickets.get({ id: ticketId });
    expect(t.status).toBe("open");
    const changes = await apiAs(db, anna).tickets.changes({ id: ticketId, after: 0 });
    const reopen = changes.events.find((e) => e.action === "ticket.replied" && e.after?.status === "open");
    expect(reopen?.before).toEqual({ status: "pending" });
    expect(reopen?.message?.body).toBe("Still broken, sorry");
  });

  it("refuses a reply written against an old version when someone else changed the ticket; the newer version confirms it", async () => {
    const db = use();
    const seen = (await apiAs(db, anna).tickets.get({ id: ticketId })).version;
    // Anna's own change does not count against her.
    await apiAs(db, anna).inbox.update({ ticketId, priority: "urgent" });
    const mine = await apiAs(db, anna).tickets.reply({ ticketId, body: "Looking into it", seenVersion: seen });
    expect(mine.version).toBeGreaterThan(seen);

    // Boris replies meanwhile.
    await apiAs(db, boris).tickets.reply({ ticketId, body: "I reset your session, try again", seenVersion: mine.version });
    const messages = await countRows(db, "ticket_messages");
    expect(await errorCode(apiAs(db, anna).tickets.reply({ ticketId, body: "Please clear cookies", seenVersion: mine.version }))).toBe(
      "CONFLICT",
    );
    expect(await countRows(db, "ticket_messages"), "nothing was written").toBe(messages);

    const changes = await apiAs(db, anna).tickets.changes({ id: ticketId, after: mine.version });
    expect(changes.events.map((e) => [e.action, e.actor?.name, e.message?.body])).toEqual([
      ["ticket.replied", boris.name, "I reset your session, try again"],
    ]);
    await apiAs(db, anna).tickets.reply({ ticketId, body: "Please clear cookies", seenVersion: changes.version });
    expect(await countRows(db, "ticket_messages")).toBe(messages + 1);
  });

  it("a customer's version does not move for an internal note, and the note is not in their changes", async () => {
    const db = use();
    const before = (await apiAs(db, customer).tickets.version({ id: ticketId })).version;
    await apiAs(db, anna).tickets.reply({ ticketId, body: "Internal: check the auth logs", kind: "note" });
    expect((await apiAs(db, customer).tickets.version({ id: ticketId })).version).toBe(before);
    const changes = await apiAs(db, customer).tickets.changes({ id: ticketId, after: 0 });
    expect(changes.events.some((e) => e.action === "ticket.note_added")).toBe(false);
    expect(JSON.stringify(changes)).not.toContain("auth logs");
  });

  it("a closed ticket takes no reply", async () => {
    const db = use();
    await apiAs(db, anna).inbox.update({ ticketId, status: "closed" });
    expect(await errorCode(apiAs(db, customer).tickets.reply({ ticketId, body: "One more thing" }))).toBe("CONFLICT");
  });
});
