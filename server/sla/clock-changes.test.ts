import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAgent, makeCustomer, makeLead, makeUser } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { createCaller } from "../trpc/root";
import { readTimeline } from "../tickets/timeline";
import { sweepSla } from "./sweep";
import type { TPolicyInput } from "./policies";

const MIN = 60_000;
const T0 = Date.parse("2026-03-02T08:00:00Z");
const targets = (first: number | null, next: number | null, resolution: number | null) => ({
  first_response: first,
  next_response: next,
  resolution,
});
// Calendar time, so minutes are plain minutes.
const RAISE_POLICY: TPolicyInput = {
  name: "Raise on breach",
  calendarId: null,
  conditions: { priorities: [], categoryIds: [], teamIds: [], domains: [] },
  targets: { urgent: targets(30, 60, 120), high: targets(45, 90, 240), normal: targets(60, 120, 480), low: targets(240, 480, 2400) },
  breachAction: "raise_priority",
};

const ticketRow = (db: DB, id: number) => db.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const clocksOf = (db: DB, id: number) =>
  db
    .selectFrom("sla_clocks")
    .selectAll()
    .where("ticket_id", "=", id)
    .orderBy("metric")
    .execute()
    .then((r) => new Map(r.map((c) => [c.metric, c])));
const resultsOf = async (db: DB, id: number) =>
  (await db.selectFrom("sla_results").selectAll().where("ticket_id", "=", id).orderBy("id").execute()).map((r) => [
    r.metric,
    r.met,
    r.business_minutes_late,
    r.achieved_at,
  ]);

describeEachDialect("SLA clocks when the ticket changes under them", (use) => {
  let customer: Actor, agent: Actor, lead: Actor, ruLead: Actor, ruAgent: Actor;
  let team: number;

  beforeAll(async () => {
    const db = use();
    [customer, agent, lead] = await Promise.all([makeCustomer(db), makeAgent(db), makeLead(db)]);
    ruLead = await makeUser(db, "lead", { locale: "ru" });
    ruAgent = await makeUser(db, "agent", { locale: "ru" });
    team = (await apiAs(db, lead).workspace.saveTeam({ name: "Breach desk", leadId: ruLead.id, memberIds: [agent.id, ruAgent.id] })).id;
    await apiAs(db, lead, () => T0).sla.savePolicy(RAISE_POLICY);
  });

  async function newTicket(at: number, assigneeId: number): Promise<number> {
    const db = use();
    const { id } = await apiAs(db, customer, () => at).tickets.create({
      subject: "Refund missing",
      description: "The refund never arrived.",
    });
    await apiAs(db, lead, () => at).inbox.update({ ticketId: id, teamId: team, assigneeId });
    return id;
  }

  it("a breach that raises the priority moves the other clocks to the new targets; the breached clock keeps its due time", async () => {
    const db = use();
    const id = await newTicket(T0, agent.id);
    expect((await clocksOf(db, id)).get("resolution")!.due_at).toBe(T0 + 480 * MIN);

    expect(await sweepSla(db, T0 + 61 * MIN)).toEqual({ warned: 0, breached: 1 });
    const t = await ticketRow(db, id);
    expect(t.priority).toBe("high");
    const clocks = await clocksOf(db, id);
    // Resolution now counts the high priority's 240 minutes from the same start.
    expect(clocks.get("resolution")).toMatchObject({
      target_minutes: 240,
      due_at: T0 + 240 * MIN,
      warn_at: T0 + 180 * MIN,
      breached_at: null,
    });
    expect(clocks.get("first_response")).toMatchObject({ target_minutes: 60, due_at: T0 + 60 * MIN, breached_at: T0 + 61 * MIN });
    expect([t.sla_due_at, t.updated_at]).toEqual([T0 + 60 * MIN, T0 + 61 * MIN]);
    const actions = (await readTimeline(db, agent, id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["sla.breached.first_response", "ticket.priority_changed", "sla.recomputed"]));

    // The next pass finds the moved resolution clock in its amber quarter; the answer counts from the missed due time.
    expect(await sweepSla(db, T0 + 181 * MIN)).toEqual({ warned: 1, breached: 0 });
    await apiAs(db, agent, () => T0 + 200 * MIN).tickets.reply({ ticketId: id, body: "The refund is on its way now.", kind: "reply" });
    expect(await resultsOf(db, id)).toEqual([["first_response", 0, 140, T0 + 200 * MIN]]);
    expect((await ticketRow(db, id)).priority).toBe("high");
  });

  it("a reopened ticket starts a new resolution clock and keeps the result recorded when it was solved", async () => {
    const db = use();
    const id = await newTicket(T0, agent.id);
    await apiAs(db, agent, () => T0 + 10 * MIN).tickets.reply({ ticketId: id, body: "Refunded, please check.", kind: "reply" });
    await apiAs(db, agent, () => T0 + 20 * MIN).inbox.update({ ticketId: id, status: "solved" });
    expect(await clocksOf(db, id)).toEqual(new Map());
    const solved = await resultsOf(db, id);
    expect(solved).toEqual([
      ["first_response", 1, 0, T0 + 10 * MIN],
      ["resolution", 1, 0, T0 + 20 * MIN],
    ]);

    const reopenedAt = T0 + 120 * MIN;
    await apiAs(db, customer, () => reopenedAt).tickets.reply({ ticketId: id, body: "It did not arrive after all.", kind: "reply" });
    const t = await ticketRow(db, id);
    expect(t.status).toBe("open");
    const clocks = await clocksOf(db, id);
    expect(clocks.get("resolution")).toMatchObject({ started_at: reopenedAt, due_at: reopenedAt + 480 * MIN, breached_at: null });
    expect(clocks.get("next_response")).toMatchObject({ started_at: reopenedAt, due_at: reopenedAt + 120 * MIN });
    expect(clocks.has("first_response")).toBe(false);
    expect(t.sla_due_at).toBe(reopenedAt + 120 * MIN);
    expect(await resultsOf(db, id)).toEqual(solved);
    expect((await readTimeline(db, agent, id)).map((e) => e.action)).toContain("sla.restarted");

    // Solved again: a second resolution result, the first one as it was.
    await apiAs(db, agent, () => reopenedAt + 30 * MIN).tickets.reply({ ticketId: id, body: "Sent it again by wire.", kind: "reply" });
    await apiAs(db, agent, () => reopenedAt + 40 * MIN).inbox.update({ ticketId: id, status: "solved" });
    expect(await resultsOf(db, id)).toEqual([
      ...solved,
      ["next_response", 1, 0, reopenedAt + 30 * MIN],
      ["resolution", 1, 0, reopenedAt + 40 * MIN],
    ]);
  });

  it("reads the target of an SLA notification in each reader's language, in the app and by email", async () => {
    const db = use();
    const id = await newTicket(T0, ruAgent.id);
    expect(await sweepSla(db, T0 + 50 * MIN)).toEqual({ warned: 1, breached: 0 });
    expect(await sweepSla(db, T0 + 61 * MIN)).toEqual({ warned: 0, breached: 1 });

    // Stored as keys, never as words.
    const stored = await db
      .selectFrom("notifications")
      .select(["user_id", "kind", "vars_json"])
      .where("ticket_id", "=", id)
      .where("kind", "like", "sla_%")
      .orderBy("id")
      .execute();
    expect(stored.map((n) => [n.user_id, n.kind])).toEqual([
      [ruAgent.id, "sla_warning"],
      [ruLead.id, "sla_breach"],
    ]);
    expect(stored[0].vars_json).not.toContain("first response");

    // In the app: the page's language (here the reader's own, Russian), and English on an English page.
    const inRu = await createCaller({
      db,
      actor: ruAgent,
      ip: "127.0.0.1",
      userAgent: "vitest",
      now: Date.now,
      appUrl: "",
      locale: "ru",
    }).deskFlow.notifications({});
    expect(inRu.items[0].vars).toMatchObject({ metric: "first_response", target: "первый ответ", due: "2 мар. 2026 г., 09:00 UTC" });
    const inEn = await apiAs(db, ruAgent).deskFlow.notifications({});
    expect(inEn.items[0].vars).toMatchObject({ target: "first response", due: "2 Mar 2026, 09:00 UTC" });

    // By email (the breach is emailed by default): the Russian lead's email is Russian.
    const mail = await db
      .selectFrom("outbox_emails")
      .select(["subject", "body_text"])
      .where("to_address", "=", ruLead.email)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(mail.body_text).toContain("«первый ответ»");
    expect(mail.body_text).not.toContain("first response");
    const job = await db
      .selectFrom("jobs")
      .select("payload")
      .where("type", "=", "email.send")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const emailId = (JSON.parse(job.payload) as { emailId: number }).emailId;
    expect((await db.selectFrom("outbox_emails").select("to_address").where("id", "=", emailId).executeTakeFirstOrThrow()).to_address).toBe(
      ruLead.email,
    );
  });
});
