import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";

const macroRows = (db: DB) => db.selectFrom("macros").selectAll().orderBy("id").execute();

describeEachDialect("macros", (use) => {
  let customer: Actor, agent: Actor, other: Actor, lead: Actor;
  let ticketId: number;

  beforeAll(async () => {
    const db = use();
    [customer, agent, other, lead] = await Promise.all([makeCustomer(db), makeAgent(db), makeAgent(db), makeLead(db)]);
    await db.updateTable("users").set({ name: "Мария Иванова" }).where("id", "=", customer.id).execute();
    ticketId = (await apiAs(db, customer).tickets.create({ subject: "Refund for order 42", description: "I was charged twice." })).id;
  });

  it("an agent saves a personal macro and fills it in for a ticket", async () => {
    const db = use();
    const { id } = await apiAs(db, agent).macros.save({
      name: "Refund on its way",
      body: "Здравствуйте, {{requester.firstName}}! The refund for #{{ ticket.id }} is on its way. — {{agent.name}}",
      actions: { status: "pending", priority: "low", assignee: "me", tags: ["Refund"] },
    });
    const r = await apiAs(db, agent).macros.render({ macroId: id, ticketId });
    expect(r.body).toBe(`Здравствуйте, Мария! The refund for #${ticketId} is on its way. — ${agent.name}`);
    expect(r.actions).toEqual({ status: "pending", priority: "low", assignee: "me", tags: ["refund"] });
    expect((await apiAs(db, agent).macros.list()).map((m) => [m.name, m.shared, m.editable])).toEqual([["Refund on its way", false, true]]);
    expect(await apiAs(db, other).macros.list(), "personal macros are their owner's").toEqual([]);
    expect(await errorCode(apiAs(db, other).macros.render({ macroId: id, ticketId }))).toBe("NOT_FOUND");
  });

  it("refuses an unknown placeholder when the macro is saved, naming the field", async () => {
    const db = use();
    const before = await macroRows(db);
    const err = await apiAs(db, agent)
      .macros.save({ name: "Typo", body: "Hi {{requester.first_name}}" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    expect((err as { cause?: { issues?: { path: string[]; message: string }[] } }).cause?.issues?.[0]).toMatchObject({
      path: ["body"],
      message: expect.stringMatching(/placeholder/),
    });
    expect(await macroRows(db)).toEqual(before);
  });

  it("a reply sent from a macro also makes its changes, each audited", async () => {
    const db = use();
    const [macro] = await apiAs(db, agent).macros.list();
    const r = await apiAs(db, agent).macros.render({ macroId: macro.id, ticketId });
    await apiAs(db, agent).tickets.reply({ ticketId, body: r.body, macroId: macro.id });
    const t = await apiAs(db, agent).tickets.get({ id: ticketId });
    expect([t.status, t.priority, t.assignee?.id]).toEqual(["pending", "low", agent.id]);
    expect(t.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["ticket.status_changed", "ticket.priority_changed", "ticket.assigned", "ticket.tags_changed"]),
    );
  });

  it("shared macros need macro.share to write; everyone on staff may use them", async () => {
    const db = use();
    const before = await macroRows(db);
    expect(await errorCode(apiAs(db, agent).macros.save({ name: "Shared", body: "Hello", shared: true }))).toBe("NOT_FOUND");
    expect(await macroRows(db)).toEqual(before);
    const { id } = await apiAs(db, lead).macros.save({ name: "Greeting", body: "Hello {{requester.name}}", shared: true });
    const seen = await apiAs(db, other).macros.list();
    expect(seen.map((m) => [m.name, m.shared, m.editable])).toEqual([["Greeting", true, false]]);
    expect(await errorCode(apiAs(db, other).macros.save({ id, name: "Hijack", body: "x" }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, other).macros.delete({ id }))).toBe("NOT_FOUND");
    await apiAs(db, lead).macros.delete({ id });
    expect((await apiAs(db, other).macros.list()).length).toBe(0);
  });

  it("customers reach none of the macro procedures, and change nothing", async () => {
    const db = use();
    const before = { macros: await macroRows(db), audit: await countRows(db, "audit_events") };
    const api = apiAs(db, customer);
    expect(await errorCode(api.macros.list())).toBe("NOT_FOUND");
    expect(await errorCode(api.macros.save({ name: "Mine", body: "hi" }))).toBe("NOT_FOUND");
    expect(await errorCode(api.macros.delete({ id: before.macros[0].id }))).toBe("NOT_FOUND");
    expect(await errorCode(api.macros.render({ macroId: before.macros[0].id, ticketId }))).toBe("NOT_FOUND");
    expect(await errorCode(api.tickets.reply({ ticketId, body: "x", macroId: before.macros[0].id }))).toBe("NOT_FOUND");
    expect({ macros: await macroRows(db), audit: await countRows(db, "audit_events") }).toEqual(before);
  });
});
