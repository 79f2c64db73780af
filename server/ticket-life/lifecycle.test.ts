import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAgent, makeCustomer } from "@/tests/factories";
import { createWorker } from "../jobs/worker";
import { enqueueDueSchedules, ensureSchedule } from "../jobs/schedules";
import { drain, openPeerDb } from "../jobs/test-helpers";
import { systemCtx, type Actor } from "../context";
import type { DB } from "../db";
import { ticketLifeJobs } from "./jobs";
import { closeSolvedTickets, DAY_MS } from "./auto-close";

describeEachDialect("solved tickets close after the configured days; closed ones offer a follow-up", (use) => {
  let customer: Actor, stranger: Actor, agent: Actor;
  let clock = 1_810_000_000_000;
  const now = () => clock;
  let peer: { db: DB; close: () => Promise<void> };
  const file = async (subject: string) =>
    (await apiAs(use(), customer, now).tickets.create({ subject, description: `${subject}: what happened, in detail.` })).id;
  const status = async (id: number) =>
    (await use().selectFrom("tickets").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
  const closings = async (id: number) =>
    (
      await use()
        .selectFrom("audit_events")
        .select("id")
        .where("entity_id", "=", String(id))
        .where("action", "=", "ticket.status_changed")
        .where("after_json", "like", '%"closed"%')
        .execute()
    ).length;

  beforeAll(async () => {
    [customer, stranger, agent] = await Promise.all([makeCustomer(use()), makeCustomer(use()), makeAgent(use())]);
    peer = await openPeerDb(use());
  });
  afterAll(async () => {
    await peer.close();
  });

  it("the scheduled job closes tickets solved at least N days ago, by the system, and leaves younger and reopened ones", async () => {
    const db = use();
    const old = await file("Solved long ago");
    const young = await file("Solved yesterday");
    const reopened = await file("Solved then reopened");
    await apiAs(db, agent, now).inbox.update({ ticketId: old, status: "solved" });
    await apiAs(db, agent, now).inbox.update({ ticketId: reopened, status: "solved" });
    await apiAs(db, customer, now).tickets.reply({ ticketId: reopened, body: "Not fixed after all" });
    clock += 2 * DAY_MS;
    await apiAs(db, agent, now).inbox.update({ ticketId: young, status: "solved" });
    clock += 1 * DAY_MS + 60_000;

    const set = ticketLifeJobs(db, { autoCloseDays: 3 });
    for (const s of set.schedules) await ensureSchedule(db, clock, s);
    const worker = createWorker({
      db,
      now,
      handlers: { ...set.handlers, "email.send": async () => undefined },
      log: { error: () => undefined },
    });
    expect(await enqueueDueSchedules(db, clock)).toBe(1);
    await drain(worker.runOnce);

    expect([await status(old), await status(young), await status(reopened)]).toEqual(["closed", "solved", "open"]);
    const event = (await apiAs(db, customer, now).tickets.get({ id: old })).events.find((e) => e.after?.status === "closed");
    expect(event?.actor).toBeNull();
    expect(await closings(old)).toBe(1);
    // A closed ticket takes no reply.
    expect(await errorCode(apiAs(db, customer, now).tickets.reply({ ticketId: old, body: "One more thing" }))).toBe("CONFLICT");
  });

  it("two workers racing over the same due tickets close each exactly once", async () => {
    const db = use();
    const ids = [await file("Race one"), await file("Race two"), await file("Race three")];
    for (const id of ids) await apiAs(db, agent, now).inbox.update({ ticketId: id, status: "solved" });
    clock += 5 * DAY_MS;
    const [a, b] = await Promise.all([
      closeSolvedTickets(db, systemCtx(now), { days: 4 }),
      closeSolvedTickets(peer.db, systemCtx(now), { days: 4 }),
    ]);
    // Every due ticket (these and the younger one of the test before) is closed by exactly one of them.
    expect(a + b).toBe(4);
    for (const id of ids) {
      expect(await status(id)).toBe("closed");
      expect(await closings(id)).toBe(1);
    }
  });

  it("the requester of a closed ticket opens a follow-up linked both ways; open tickets and other people are refused", async () => {
    const db = use();
    const old = await file("Export broke");
    const open = await file("Still open one");
    await apiAs(db, agent, now).inbox.update({ ticketId: old, status: "closed" });
    const tickets = await countRows(db, "tickets");

    expect(await errorCode(apiAs(db, stranger, now).ticketLife.followUp({ ticketId: old, body: "I want in on this" }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, agent, now).ticketLife.followUp({ ticketId: old, body: "Agent is not the requester" }))).toBe(
      "NOT_FOUND",
    );
    expect(await errorCode(apiAs(db, null, now).ticketLife.followUp({ ticketId: old, body: "Anonymous person" }))).toBe("UNAUTHORIZED");
    expect(await errorCode(apiAs(db, customer, now).ticketLife.followUp({ ticketId: open, body: "But it is still open" }))).toBe(
      "BAD_REQUEST",
    );
    expect(await errorCode(apiAs(db, customer, now).ticketLife.followUp({ ticketId: old, body: "short" }))).toBe("BAD_REQUEST");
    expect(await countRows(db, "tickets")).toBe(tickets);

    const { id } = await apiAs(db, customer, now).ticketLife.followUp({ ticketId: old, body: "The export broke again this week." });
    const next = await apiAs(db, customer, now).tickets.get({ id });
    expect(next.subject).toBe(`Follow-up to #${old}: Export broke`);
    expect(next.description).toBe("The export broke again this week.");
    expect(next.links.followUpOf).toBe(old);
    expect(next.events.map((e) => e.action)).toContain("ticket.follow_up_of");
    const before = await apiAs(db, customer, now).tickets.get({ id: old });
    expect(before.links.followUps).toEqual([id]);
    expect(before.events.map((e) => [e.action, e.after?.followUpId])).toContainEqual(["ticket.follow_up_opened", id]);
  });
});
