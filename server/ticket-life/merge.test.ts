import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAgent, makeCustomer } from "@/tests/factories";
import { BULK_LIMIT } from "@/lib/tickets";
import type { Actor } from "../context";
import type { DB } from "../db";

async function snapshot(db: DB) {
  return {
    tickets: await db.selectFrom("tickets").selectAll().orderBy("id").execute(),
    messages: await db.selectFrom("ticket_messages").selectAll().orderBy("id").execute(),
    links: await db.selectFrom("ticket_links").selectAll().execute(),
    audit: await countRows(db, "audit_events"),
    outbox: await countRows(db, "outbox_emails"),
  };
}

describeEachDialect("merging a duplicate into another ticket", (use) => {
  let customer: Actor, other: Actor, agent: Actor;
  let clock = 1_800_000_000_000;
  const now = () => clock;
  const file = async (who: Actor, subject: string) =>
    (await apiAs(use(), who, now).tickets.create({ subject, description: `${subject}: the details of the problem.` })).id;

  beforeAll(async () => {
    [customer, other, agent] = await Promise.all([makeCustomer(use()), makeCustomer(use()), makeAgent(use())]);
  });

  it("moves the conversation in time order, closes the source with a pointer, audits both and emails the requester", async () => {
    const db = use();
    const target = await file(customer, "Invoice is wrong");
    clock += 60_000;
    const source = await file(customer, "Invoice total wrong again");
    clock += 60_000;
    await apiAs(db, agent, now).tickets.reply({ ticketId: target, body: "Looking into the invoice." });
    clock += 60_000;
    await apiAs(db, customer, now).tickets.reply({ ticketId: source, body: "Any news on the total?" });
    clock += 60_000;
    await apiAs(db, agent, now).tickets.reply({ ticketId: source, kind: "note", body: "Same as the other one." });
    const outboxBefore = await countRows(db, "outbox_emails");

    clock += 60_000;
    expect(await apiAs(db, agent, now).ticketLife.merge({ sourceId: source, targetId: target })).toEqual({ targetId: target });

    const merged = await apiAs(db, agent, now).tickets.get({ id: target });
    expect(merged.messages.map((m) => [m.body.split("\n")[0], m.kind])).toEqual([
      [`#${source} Invoice total wrong again`, "reply"],
      ["Looking into the invoice.", "reply"],
      ["Any news on the total?", "reply"],
      ["Same as the other one.", "note"],
    ]);
    // Times are kept: each message is where it was written in the conversation.
    const times = merged.messages.map((m) => m.createdAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(merged.messages[0].author.id).toBe(customer.id);
    expect(merged.links.mergedFrom).toEqual([source]);
    expect(merged.events.map((e) => e.action)).toContain("ticket.merged");

    const gone = await apiAs(db, customer, now).tickets.get({ id: source });
    expect(gone.status).toBe("closed");
    expect(gone.links.mergedInto).toBe(target);
    expect(gone.messages).toEqual([]);
    expect(gone.events.map((e) => [e.action, e.after?.targetId])).toContainEqual(["ticket.merged_into", target]);
    expect(gone.can.reply).toBe(false);

    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "entity_id", "actor_id"])
      .where("action", "in", ["ticket.merged", "ticket.merged_into"])
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "ticket.merged_into", entity_id: String(source), actor_id: agent.id },
        { action: "ticket.merged", entity_id: String(target), actor_id: agent.id },
      ]),
    );
    const mails = await db.selectFrom("outbox_emails").select(["to_address", "subject", "body_text"]).orderBy("id").execute();
    expect(mails.length).toBe(outboxBefore + 1);
    expect(mails.at(-1)!.to_address).toBe(customer.email);
    expect(mails.at(-1)!.body_text).toContain(`http://mayak.test/tickets/${target}`);
  });

  it("refuses merging into itself, into a closed ticket, from a closed one, and across requesters without confirmation; changes nothing", async () => {
    const db = use();
    const a = await file(customer, "Password reset mail missing");
    const b = await file(other, "Reset mail never arrives");
    const closed = await file(customer, "Old closed question");
    await apiAs(db, agent, now).inbox.update({ ticketId: closed, status: "closed" });
    const before = await snapshot(db);
    const api = apiAs(db, agent, now);
    expect(await errorCode(api.ticketLife.merge({ sourceId: a, targetId: a }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.ticketLife.merge({ sourceId: a, targetId: closed }))).toBe("CONFLICT");
    expect(await errorCode(api.ticketLife.merge({ sourceId: closed, targetId: a }))).toBe("CONFLICT");
    expect(await errorCode(api.ticketLife.merge({ sourceId: b, targetId: a }))).toBe("CONFLICT");
    expect(await errorCode(api.ticketLife.merge({ sourceId: b, targetId: 9_999_999 }))).toBe("NOT_FOUND");
    expect(await snapshot(db)).toEqual(before);
    // The messages say why.
    await api.ticketLife.merge({ sourceId: b, targetId: a }).catch((e: Error) => expect(e.message).toMatch(/different requesters/));

    // Confirmed, the merge across requesters goes through.
    await api.ticketLife.merge({ sourceId: b, targetId: a, acrossRequesters: true });
    expect((await api.tickets.get({ id: b })).links.mergedInto).toBe(a);
  });

  it("bulk: all selected into one target with a result per ticket, the target itself skipped, within BULK_LIMIT", async () => {
    const db = use();
    const target = await file(customer, "App crashes on start");
    const d1 = await file(customer, "Crash at start");
    const d2 = await file(customer, "Crashing app");
    const foreign = await file(other, "My app crashes too");
    const results = await apiAs(db, agent, now).ticketLife.bulkMerge({ ticketIds: [d1, target, d2, foreign], targetId: target });
    expect(results.map((r) => [r.ticketId, r.ok, r.code])).toEqual([
      [d1, true, undefined],
      [d2, true, undefined],
      [foreign, false, "CONFLICT"],
    ]);
    expect((await apiAs(db, agent, now).tickets.get({ id: target })).links.mergedFrom).toEqual([d1, d2]);
    const tooMany = Array.from({ length: BULK_LIMIT + 1 }, (_, i) => i + 1);
    expect(await errorCode(apiAs(db, agent, now).ticketLife.bulkMerge({ ticketIds: tooMany, targetId: target }))).toBe("BAD_REQUEST");
  });

  it("outsiders: a customer reaches neither merge procedure, and nothing changes", async () => {
    const db = use();
    const a = await file(customer, "Customer tries to merge");
    const b = await file(customer, "Customer tries to merge again");
    const before = await snapshot(db);
    expect(await errorCode(apiAs(db, customer, now).ticketLife.merge({ sourceId: a, targetId: b }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, customer, now).ticketLife.bulkMerge({ ticketIds: [a], targetId: b }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, customer, now).ticketLife.inboxVersion())).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null, now).ticketLife.merge({ sourceId: a, targetId: b }))).toBe("UNAUTHORIZED");
    expect(await snapshot(db)).toEqual(before);
  });

  it("the inbox version moves when a ticket is replied to or filed", async () => {
    const db = use();
    const api = apiAs(db, agent, now);
    const v0 = (await api.ticketLife.inboxVersion()).version;
    clock += 1000;
    const id = await file(customer, "Version moves on new ticket");
    const v1 = (await api.ticketLife.inboxVersion()).version;
    expect(v1).not.toBe(v0);
    clock += 1000;
    await api.tickets.reply({ ticketId: id, body: "A reply moves it too." });
    expect((await api.ticketLife.inboxVersion()).version).not.toBe(v1);
  });
});
