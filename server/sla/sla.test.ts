import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { readTimeline } from "../tickets/timeline";
import { sweepSla } from "./sweep";
import { recomputeOpenTickets } from "./recompute";
import type { TPolicyInput } from "./policies";

const MIN = 60_000;
const weekdays = (ranges: [number, number][]) => [[], ranges, ranges, ranges, ranges, ranges, []];
const EU_WEEK = weekdays([
  [540, 720],
  [780, 1020],
]);
const targets = (first: number | null, next: number | null, resolution: number | null) => ({
  first_response: first,
  next_response: next,
  resolution,
});
const policy = (over: Partial<TPolicyInput>): TPolicyInput => ({
  name: "Policy",
  calendarId: null,
  conditions: { priorities: [], categoryIds: [], teamIds: [], domains: [] },
  targets: { urgent: targets(30, 60, 240), high: targets(45, 90, 360), normal: targets(60, 120, 480), low: targets(240, 480, 2400) },
  breachAction: "none",
  ...over,
});

async function auditCount(db: DB, ticketId: number, action: string): Promise<number> {
  const rows = await db
    .selectFrom("audit_events")
    .select("id")
    .where("entity_type", "=", "ticket")
    .where("entity_id", "=", String(ticketId))
    .where("action", "=", action)
    .execute();
  return rows.length;
}
const ticketRow = (db: DB, id: number) => db.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describeEachDialect("SLA clocks on a business-hours calendar", (use) => {
  // Monday 2 March 2026, 09:00 in Berlin.
  let now = Date.parse("2026-03-02T08:00:00Z");
  const clock = () => now;
  let customer: Actor, agent: Actor, lead: Actor;

  beforeAll(async () => {
    const db = use();
    [customer, agent, lead] = await Promise.all([makeCustomer(db), makeAgent(db), makeLead(db)]);
    const { id: calendarId } = await apiAs(db, lead, clock).sla.saveCalendar({
      name: "EU office",
      timeZone: "Europe/Berlin",
      week: EU_WEEK,
      holidays: [],
    });
    await apiAs(db, lead, clock).sla.savePolicy(policy({ name: "EU", calendarId }));
  });

  it("dues at creation, pauses on pending by business time, recomputes on a priority change, records met-late", async () => {
    const db = use();
    const { id } = await apiAs(db, customer, clock).tickets.create({
      subject: "Export fails",
      description: "The CSV export fails every time.",
    });
    let t = await ticketRow(db, id);
    expect(t.sla_due_at).toBe(Date.parse("2026-03-02T09:00:00Z")); // first response: 10:00 Berlin
    expect(t.sla_warn_at).toBe(Date.parse("2026-03-02T08:45:00Z"));

    now = Date.parse("2026-03-02T08:15:00Z");
    await apiAs(db, agent, clock).inbox.update({ ticketId: id, status: "pending" });
    t = await ticketRow(db, id);
    expect([t.sla_due_at, t.sla_paused]).toEqual([null, 1]);

    // Paused from Monday 09:15 to Tuesday 09:15 Berlin: 420 business minutes (lunch and the night do not count).
    now = Date.parse("2026-03-03T08:15:00Z");
    await apiAs(db, customer, clock).tickets.reply({ ticketId: id, body: "Here is the file you asked for.", kind: "reply" });
    t = await ticketRow(db, id);
    expect([t.status, t.sla_paused, t.sla_due_at]).toEqual(["open", 0, Date.parse("2026-03-03T09:00:00Z")]);
    const pauses = await db.selectFrom("sla_pauses").selectAll().where("ticket_id", "=", id).execute();
    expect(pauses.map((p) => [p.reason, p.from_at, p.to_at, p.paused_by, p.resumed_by])).toEqual([
      ["pending", Date.parse("2026-03-02T08:15:00Z"), Date.parse("2026-03-03T08:15:00Z"), agent.id, customer.id],
    ]);

    // Urgent: 30 minutes instead of 60, plus the same 420 paused.
    await apiAs(db, agent, clock).inbox.update({ ticketId: id, priority: "urgent" });
    t = await ticketRow(db, id);
    expect(t.sla_due_at).toBe(Date.parse("2026-03-03T08:30:00Z"));

    now = Date.parse("2026-03-03T08:40:00Z");
    await apiAs(db, agent, clock).tickets.reply({ ticketId: id, body: "Fixed the export, please try again.", kind: "reply" });
    const results = await db.selectFrom("sla_results").selectAll().where("ticket_id", "=", id).execute();
    expect(results.map((r) => [r.metric, r.met, r.business_minutes_late])).toEqual([["first_response", 0, 10]]);
    t = await ticketRow(db, id);
    // Only the resolution clock runs now: 240 urgent minutes from Monday 09:00 plus the pause (Tuesday 14:00 Berlin).
    expect(t.sla_due_at).toBe(Date.parse("2026-03-03T13:00:00Z"));

    const timeline = (await readTimeline(db, agent, id)).map((e) => e.action);
    expect(timeline).toEqual(
      expect.arrayContaining(["sla.paused.pending", "sla.resumed", "sla.recomputed", "sla.met_late.first_response"]),
    );
    // Customers see none of it.
    expect((await readTimeline(db, customer, id)).filter((e) => e.action.startsWith("sla."))).toEqual([]);
    expect(await errorCode(apiAs(db, customer, clock).sla.ticket({ ticketId: id }))).toBe("NOT_FOUND");
    const view = await apiAs(db, agent, clock).sla.ticket({ ticketId: id });
    expect(view.policy).toBe("EU");
    expect(view.timeZone).toBe("Europe/Berlin");
    expect(view.clocks.map((c) => c.metric)).toEqual(["resolution"]);
    expect(view.clocks[0].pausedMinutes).toBe(420);

    // A policy edit moves running clocks but never rewrites recorded results.
    const setup = await apiAs(db, lead, clock).sla.setup();
    const eu = setup.policies.find((p) => p.name === "EU")!;
    await apiAs(db, lead, clock).sla.savePolicy({ ...eu, targets: { ...eu.targets, urgent: targets(5, 60, 300) } });
    await recomputeOpenTickets(db, clock, {});
    t = await ticketRow(db, id);
    expect(t.sla_due_at).toBe(Date.parse("2026-03-03T14:00:00Z"));
    const after = await db.selectFrom("sla_results").selectAll().where("ticket_id", "=", id).execute();
    expect(after).toEqual(results);

    // Solved: the resolution target is recorded (on time) and no clock is left.
    now = Date.parse("2026-03-03T10:00:00Z");
    await apiAs(db, agent, clock).inbox.update({ ticketId: id, status: "solved" });
    t = await ticketRow(db, id);
    expect(t.sla_due_at).toBeNull();
    const resolution = await db
      .selectFrom("sla_results")
      .selectAll()
      .where("ticket_id", "=", id)
      .where("metric", "=", "resolution")
      .executeTakeFirstOrThrow();
    expect([resolution.met, resolution.business_minutes_late]).toEqual([1, 0]);
  });

  it("starts a next-response clock when the customer writes again after an answer", async () => {
    const db = use();
    now = Date.parse("2026-03-04T08:00:00Z");
    const { id } = await apiAs(db, customer, clock).tickets.create({
      subject: "Login loop",
      description: "It sends me back to sign in again.",
    });
    await apiAs(db, agent, clock).tickets.reply({ ticketId: id, body: "Which browser do you use?", kind: "reply" });
    now += 10 * MIN;
    await apiAs(db, customer, clock).tickets.reply({ ticketId: id, body: "Firefox on Linux, latest.", kind: "reply" });
    const c = await db
      .selectFrom("sla_clocks")
      .selectAll()
      .where("ticket_id", "=", id)
      .where("metric", "=", "next_response")
      .executeTakeFirstOrThrow();
    expect(c.due_at).toBe(now + 120 * MIN);
  });
});

describeEachDialect("SLA escalation sweep", (use) => {
  const T0 = Date.parse("2026-03-02T08:00:00Z");
  let customer: Actor, agent: Actor, lead: Actor;
  let team: number;

  beforeAll(async () => {
    const db = use();
    [customer, agent, lead] = await Promise.all([makeCustomer(db), makeAgent(db), makeLead(db)]);
    team = (await apiAs(db, lead).workspace.saveTeam({ name: "Escalations", leadId: lead.id, memberIds: [agent.id] })).id;
    // Calendar time; only a first-response target, so an answered ticket has no clock left.
    await apiAs(db, lead, () => T0).sla.savePolicy(
      policy({
        name: "Raise",
        breachAction: "raise_priority",
        targets: {
          urgent: targets(30, null, null),
          high: targets(45, null, null),
          normal: targets(60, null, null),
          low: targets(240, null, null),
        },
      }),
    );
  });

  async function newTicket(db: DB, at: number): Promise<number> {
    const { id } = await apiAs(db, customer, () => at).tickets.create({
      subject: "Checkout broken",
      description: "The pay button does nothing.",
    });
    await apiAs(db, lead, () => at).inbox.update({ ticketId: id, teamId: team, assigneeId: agent.id });
    return id;
  }
  const notices = async (db: DB, userId: number, kind: string) =>
    (await db.selectFrom("notifications").select("id").where("user_id", "=", userId).where("kind", "=", kind).execute()).length;

  it("warns, breaches and raises exactly once with two workers racing; never escalates answered, paused or solved tickets", async () => {
    const db = use();
    const racing = await Promise.all([0, 1, 2, 3, 4].map(() => newTicket(db, T0)));
    const answered = await newTicket(db, T0);
    const paused = await newTicket(db, T0);
    const solved = await newTicket(db, T0);
    await apiAs(db, agent, () => T0 + 20 * MIN).tickets.reply({
      ticketId: answered,
      body: "On it, checking the payment logs.",
      kind: "reply",
    });
    await apiAs(db, agent, () => T0 + 20 * MIN).inbox.update({ ticketId: paused, status: "on_hold" });
    await apiAs(db, agent, () => T0 + 20 * MIN).inbox.update({ ticketId: solved, status: "solved" });

    const race = async (at: number) => {
      const [a, b] = await Promise.all([sweepSla(db, at, { batch: 2 }), sweepSla(db, at, { batch: 2 })]);
      return { warned: a.warned + b.warned, breached: a.breached + b.breached };
    };
    expect(await race(T0 + 50 * MIN)).toEqual({ warned: 5, breached: 0 });
    expect(await race(T0 + 50 * MIN)).toEqual({ warned: 0, breached: 0 });
    expect(await race(T0 + 61 * MIN)).toEqual({ warned: 0, breached: 5 });
    expect(await race(T0 + 90 * MIN)).toEqual({ warned: 0, breached: 0 });

    for (const id of racing) {
      expect(await auditCount(db, id, "sla.warned.first_response")).toBe(1);
      expect(await auditCount(db, id, "sla.breached.first_response")).toBe(1);
      expect(await auditCount(db, id, "ticket.priority_changed")).toBe(1);
      expect((await ticketRow(db, id)).priority).toBe("high");
    }
    expect(await notices(db, agent.id, "sla_warning")).toBe(5);
    expect(await notices(db, lead.id, "sla_breach")).toBe(5);
    for (const id of [answered, paused, solved]) {
      expect(await auditCount(db, id, "sla.warned.first_response")).toBe(0);
      expect(await auditCount(db, id, "sla.breached.first_response")).toBe(0);
    }

    // Answered after the breach: met late, and nothing of the escalation is left on the ticket.
    const late = racing[0];
    await apiAs(db, agent, () => T0 + 100 * MIN).tickets.reply({ ticketId: late, body: "Sorry for the wait: fixed now.", kind: "reply" });
    const t = await ticketRow(db, late);
    expect(t.sla_due_at).toBeNull();
    expect(await db.selectFrom("sla_clocks").select("id").where("ticket_id", "=", late).execute()).toEqual([]);
    const r = await db.selectFrom("sla_results").selectAll().where("ticket_id", "=", late).executeTakeFirstOrThrow();
    expect([r.met, r.business_minutes_late, r.due_at]).toEqual([0, 40, T0 + 60 * MIN]);
    expect(await auditCount(db, late, "sla.met_late.first_response")).toBe(1);
  });
});

describeEachDialect("SLA administration: permissions and outsiders", (use) => {
  let customer: Actor, agent: Actor, lead: Actor;
  beforeAll(async () => {
    const db = use();
    [customer, agent, lead] = await Promise.all([makeCustomer(db), makeAgent(db), makeLead(db)]);
  });
  const snapshot = async (db: DB) => ({
    calendars: await db.selectFrom("sla_calendars").selectAll().execute(),
    policies: await db.selectFrom("sla_policies").selectAll().execute(),
  });

  it("gives customers and agents NOT_FOUND for every management procedure and changes nothing", async () => {
    const db = use();
    const { id: calendarId } = await apiAs(db, lead).sla.saveCalendar({ name: "Ops", timeZone: "UTC", week: EU_WEEK, holidays: [] });
    const { id: policyId } = await apiAs(db, lead).sla.savePolicy(policy({ name: "Ops", calendarId }));
    const before = await snapshot(db);
    for (const who of [customer, agent]) {
      const api = apiAs(db, who);
      expect(await errorCode(api.sla.setup())).toBe("NOT_FOUND");
      expect(await errorCode(api.sla.saveCalendar({ name: "X", timeZone: "UTC", week: EU_WEEK, holidays: [] }))).toBe("NOT_FOUND");
      expect(await errorCode(api.sla.deleteCalendar({ id: calendarId }))).toBe("NOT_FOUND");
      expect(await errorCode(api.sla.savePolicy(policy({ name: "X" })))).toBe("NOT_FOUND");
      expect(await errorCode(api.sla.deletePolicy({ id: policyId }))).toBe("NOT_FOUND");
      expect(await errorCode(api.sla.movePolicy({ id: policyId, direction: "up" }))).toBe("NOT_FOUND");
    }
    // Customers reach no SLA internals: neither the inbox's SLA counts nor any ticket's clocks.
    expect(await errorCode(apiAs(db, customer).sla.counts())).toBe("NOT_FOUND");
    const own = await apiAs(db, customer).tickets.create({
      subject: "Where is my invoice",
      description: "I cannot find the invoice for May.",
    });
    expect(await errorCode(apiAs(db, customer).sla.ticket({ ticketId: own.id }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).sla.setup())).toBe("UNAUTHORIZED");
    expect(await snapshot(db)).toEqual(before);
  });

  it("refuses bad calendars and policies with a message, and audits changes", async () => {
    const db = use();
    const api = apiAs(db, lead);
    expect(await errorCode(api.sla.saveCalendar({ name: "Bad", timeZone: "Mars/Olympus", week: EU_WEEK, holidays: [] }))).toBe(
      "BAD_REQUEST",
    );
    expect(await errorCode(api.sla.saveCalendar({ name: "Bad", timeZone: "UTC", week: [[], [], [], [], [], [], []], holidays: [] }))).toBe(
      "BAD_REQUEST",
    );
    expect(await errorCode(api.sla.saveCalendar({ name: "Bad", timeZone: "UTC", week: weekdays([[600, 500]]), holidays: [] }))).toBe(
      "BAD_REQUEST",
    );
    expect(await errorCode(api.sla.savePolicy(policy({ name: "Ops" })))).toBe("CONFLICT");
    expect(await db.selectFrom("sla_calendars").select("id").where("name", "=", "Bad").execute()).toEqual([]);
    const audited = await db.selectFrom("audit_events").select("action").where("action", "like", "sla.%").execute();
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(["sla.calendar_created", "sla.policy_created"]));
  });
});
