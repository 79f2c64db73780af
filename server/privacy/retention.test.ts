import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAdmin, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import { manualClock } from "../clock";
import { systemCtx, type Actor } from "../context";
import type { DB } from "../db";
import { verifyAuditChain } from "../audit/verify-chain";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { fieldErrorsOf } from "../trpc/errors";
import { applyRetention } from "./retention";
import { privacyJobs, RETENTION_JOB } from "./jobs";

const DAY = 86_400_000;

async function settingsRow(db: DB) {
  return db.selectFrom("retention_settings").selectAll().executeTakeFirstOrThrow();
}

describeEachDialect("retention settings", (use) => {
  let admin: Actor, lead: Actor, agent: Actor, customer: Actor;
  beforeAll(async () => {
    const db = use();
    [admin, lead, agent, customer] = await Promise.all([makeAdmin(db), makeLead(db), makeAgent(db), makeCustomer(db)]);
  });

  it("are off by default, and applying them then changes nothing", async () => {
    const db = use();
    expect(await apiAs(db, admin).privacy.retention()).toEqual({
      closedTicketDays: null,
      closedTicketAction: "delete",
      auditEventDays: null,
      updatedAt: null,
      updatedBy: null,
    });
    const events = await db.selectFrom("audit_events").select("id").execute();
    expect(await applyRetention(db, systemCtx())).toEqual({ tickets: null, audit: null });
    expect(await db.selectFrom("audit_events").select("id").execute()).toEqual(events);
  });

  it("only admins read or change them; others get NOT_FOUND and nothing changes", async () => {
    const db = use();
    const before = await settingsRow(db);
    const events = await db.selectFrom("audit_events").select("id").execute();
    for (const actor of [lead, agent, customer]) {
      expect(await errorCode(apiAs(db, actor).privacy.retention())).toBe("NOT_FOUND");
      expect(
        await errorCode(apiAs(db, actor).privacy.setRetention({ closedTicketDays: 1, closedTicketAction: "delete", auditEventDays: 30 })),
      ).toBe("NOT_FOUND");
    }
    expect(
      await errorCode(apiAs(db, null).privacy.setRetention({ closedTicketDays: 1, closedTicketAction: "delete", auditEventDays: 30 })),
    ).toBe("UNAUTHORIZED");
    expect(await settingsRow(db)).toEqual(before);
    expect(await db.selectFrom("audit_events").select("id").execute()).toEqual(events);
  });

  it.each([
    [{ closedTicketDays: 0, closedTicketAction: "delete", auditEventDays: null }],
    [{ closedTicketDays: null, closedTicketAction: "delete", auditEventDays: 29 }],
    [{ closedTicketDays: 1.5, closedTicketAction: "delete", auditEventDays: null }],
    [{ closedTicketDays: 10, closedTicketAction: "shred", auditEventDays: null }],
    // What the form sends for "abc".
    [{ closedTicketDays: NaN, closedTicketAction: "delete", auditEventDays: null }],
  ])("refuses %o with BAD_REQUEST and changes nothing", async (input) => {
    const db = use();
    const before = await settingsRow(db);
    expect(await errorCode(apiAs(db, admin).privacy.setRetention(input as never))).toBe("BAD_REQUEST");
    expect(await settingsRow(db)).toEqual(before);
  });

  it("names the field and the allowed range when the number is wrong", async () => {
    let cause: unknown;
    try {
      await apiAs(use(), admin).privacy.setRetention({ closedTicketDays: NaN, closedTicketAction: "delete", auditEventDays: 7 });
    } catch (err) {
      cause = (err as { cause?: unknown }).cause;
    }
    expect(fieldErrorsOf(cause)).toEqual({
      closedTicketDays: ["Give between 1 and 36,500 days, or leave it empty"],
      auditEventDays: ["Give between 30 and 36,500 days, or leave it empty"],
    });
  });

  it("an admin's change is stored and audited with before and after", async () => {
    const db = use();
    await apiAs(db, admin).privacy.setRetention({ closedTicketDays: 90, closedTicketAction: "anonymise", auditEventDays: 400 });
    expect(await apiAs(db, admin).privacy.retention()).toMatchObject({
      closedTicketDays: 90,
      closedTicketAction: "anonymise",
      auditEventDays: 400,
      updatedBy: admin.name,
    });
    const e = await db.selectFrom("audit_events").selectAll().where("action", "=", "retention.settings_changed").executeTakeFirstOrThrow();
    expect(e.actor_id).toBe(admin.id);
    expect(JSON.parse(e.before_json!)).toEqual({ closedTicketDays: null, closedTicketAction: "delete", auditEventDays: null });
    expect(JSON.parse(e.after_json!)).toEqual({ closedTicketDays: 90, closedTicketAction: "anonymise", auditEventDays: 400 });
  });
});

/** Three tickets: closed long ago, open long ago, closed recently; each with a reply. */
async function ticketsAt(db: DB, clock: ReturnType<typeof manualClock>, customer: Actor, agent: Actor) {
  const make = async (subject: string, close: boolean) => {
    const { id } = await apiAs(db, customer, clock.now).tickets.create({
      subject,
      description: "A description long enough",
      pageUrl: "https://example.com/me",
    });
    await apiAs(db, agent, clock.now).tickets.reply({ ticketId: id, body: `Reply to ${subject}` });
    if (close) await apiAs(db, agent, clock.now).inbox.update({ ticketId: id, status: "solved" });
    return id;
  };
  const oldClosed = await make("Old closed", true);
  const oldOpen = await make("Old open", false);
  clock.advance(60 * DAY);
  const youngClosed = await make("Young closed", true);
  clock.advance(DAY);
  return { oldClosed, oldOpen, youngClosed };
}

describeEachDialect("retention of closed tickets", (use) => {
  const clock = manualClock();
  let admin: Actor, agent: Actor, customer: Actor;
  let ids: Awaited<ReturnType<typeof ticketsAt>>;

  beforeAll(async () => {
    const db = use();
    [admin, agent, customer] = await Promise.all([makeAdmin(db), makeAgent(db), makeCustomer(db)]);
    ids = await ticketsAt(db, clock, customer, agent);
  });

  it("anonymises closed tickets past the limit: numbers kept, every text gone, audit text redacted", async () => {
    const db = use();
    await apiAs(db, admin, clock.now).privacy.setRetention({ closedTicketDays: 30, closedTicketAction: "anonymise", auditEventDays: null });
    const run = await applyRetention(db, systemCtx(clock.now));
    expect(run).toEqual({ tickets: { action: "anonymise", count: 1 }, audit: null });
    const t = await db.selectFrom("tickets").selectAll().where("id", "=", ids.oldClosed).executeTakeFirstOrThrow();
    expect(t).toMatchObject({
      subject: `#${ids.oldClosed}`,
      description: "",
      steps: "",
      expected: "",
      actual: "",
      page_url: "",
      status: "solved",
      requester_id: customer.id,
      anonymised_at: clock.now(),
    });
    expect(t.first_response_at).not.toBeNull();
    expect(await db.selectFrom("ticket_messages").select(["body", "author_id"]).where("ticket_id", "=", ids.oldClosed).execute()).toEqual([
      { body: "", author_id: agent.id },
    ]);
    for (const id of [ids.oldOpen, ids.youngClosed]) {
      expect((await db.selectFrom("tickets").select("description").where("id", "=", id).executeTakeFirstOrThrow()).description).toBe(
        "A description long enough",
      );
    }
    const created = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "ticket.created")
      .where("entity_id", "=", String(ids.oldClosed))
      .executeTakeFirstOrThrow();
    expect(created.after_json).toBeNull();
    expect(created.redactions).not.toBeNull();
    const logged = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "retention.tickets_anonymised")
      .executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ actor_id: null, entity_type: "ticket" });
    expect(JSON.parse(logged.after_json!)).toEqual({ ids: [ids.oldClosed], olderThanDays: 30 });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("a second run leaves anonymised tickets alone", async () => {
    const db = use();
    const events = await db.selectFrom("audit_events").select("id").execute();
    expect(await applyRetention(db, systemCtx(clock.now))).toEqual({ tickets: { action: "anonymise", count: 0 }, audit: null });
    expect(await db.selectFrom("audit_events").select("id").execute()).toEqual(events);
  });

  it("deletes closed tickets past the limit with their messages, through the hourly job", async () => {
    const db = use();
    await apiAs(db, admin, clock.now).privacy.setRetention({ closedTicketDays: 1, closedTicketAction: "delete", auditEventDays: null });
    clock.advance(2 * DAY);
    // What hangs off a ticket goes with it: its rating (a customer's words), its links, notifications about it.
    const at = clock.now();
    await db.deleteFrom("ticket_ratings").where("ticket_id", "=", ids.youngClosed).execute();
    await db
      .insertInto("ticket_ratings")
      .values({ ticket_id: ids.youngClosed, requester_id: customer.id, asked_at: at, rating: "good", comment: "Thanks!", rated_at: at })
      .execute();
    await db
      .insertInto("ticket_links")
      .values({ ticket_id: ids.oldOpen, kind: "follow_up_of", other_id: ids.youngClosed, created_by: null, created_at: at })
      .execute();
    await db
      .insertInto("notifications")
      .values({ user_id: agent.id, kind: "customer_replied", ticket_id: ids.youngClosed, vars_json: "{}", created_at: at })
      .execute();
    const jobs = privacyJobs(db);
    expect(jobs.schedules).toEqual([{ name: "privacy.retention", type: RETENTION_JOB, payload: {}, intervalMs: 3_600_000 }]);
    await jobs.handlers[RETENTION_JOB]({}, { jobId: 1, attempt: 1, maxAttempts: 3, now: clock.now });
    const left = await db.selectFrom("tickets").select("id").orderBy("id").execute();
    // The anonymised one is done with; the young closed one is now old enough; the open one stays.
    expect(left.map((t) => t.id)).toEqual([ids.oldClosed, ids.oldOpen]);
    expect(await db.selectFrom("ticket_messages").select("id").where("ticket_id", "=", ids.youngClosed).execute()).toEqual([]);
    expect(await db.selectFrom("ticket_ratings").select("ticket_id").where("ticket_id", "=", ids.youngClosed).execute()).toEqual([]);
    expect(await db.selectFrom("ticket_links").select("ticket_id").where("other_id", "=", ids.youngClosed).execute()).toEqual([]);
    expect(await db.selectFrom("notifications").select("id").where("ticket_id", "=", ids.youngClosed).execute()).toEqual([]);
    expect(await db.selectFrom("audit_events").select("id").where("action", "=", "retention.tickets_deleted").execute()).toHaveLength(1);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

/** One audit event at a given time, as any change would write it. */
async function event(db: DB, actor: Actor, at: number, note: string): Promise<void> {
  await transact(db, (trx) =>
    recordAudit(
      trx,
      { actor, ip: "192.0.2.1", userAgent: "vitest", now: () => at },
      { action: "test.event", entityType: "thing", entityId: note, after: { note } },
    ),
  );
}

describeEachDialect("retention of the audit trail", (use) => {
  const clock = manualClock();
  let admin: Actor, customer: Actor;

  beforeAll(async () => {
    const db = use();
    [admin, customer] = await Promise.all([makeAdmin(db), makeCustomer(db)]);
    for (let i = 0; i < 12; i++) {
      await event(db, customer, clock.now(), `old ${i}`);
      clock.advance(DAY);
    }
    clock.advance(60 * DAY);
    await apiAs(db, admin, clock.now).privacy.setRetention({ closedTicketDays: null, closedTicketAction: "delete", auditEventDays: 30 });
    for (let i = 0; i < 3; i++) await event(db, customer, clock.now(), `young ${i}`);
  });

  it("deletes events past the limit behind a checkpoint, and the rest of the chain verifies from it", async () => {
    const db = use();
    const old = await db
      .selectFrom("audit_events")
      .select(["id", "hash"])
      .where("created_at", "<", clock.now() - 30 * DAY)
      .orderBy("id")
      .execute();
    expect(old).toHaveLength(12);
    const run = await applyRetention(db, systemCtx(clock.now));
    expect(run.audit).toEqual({ throughId: old[11].id, deleted: 12 });
    expect(await db.selectFrom("audit_events").select("id").where("id", "<=", old[11].id).execute()).toEqual([]);
    const cp = await db.selectFrom("audit_checkpoints").selectAll().where("kind", "=", "pruned").executeTakeFirstOrThrow();
    expect(cp).toMatchObject({ through_id: old[11].id, through_hash: old[11].hash, checked: 12, problems: null });
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ ok: true, problems: [], startsAfter: { id: old[11].id, hash: old[11].hash } });
    const pruned = await db.selectFrom("audit_events").selectAll().where("action", "=", "audit.pruned").executeTakeFirstOrThrow();
    expect(JSON.parse(pruned.after_json!)).toEqual({ throughId: old[11].id, throughHash: old[11].hash, events: 12, problems: 0 });
  });

  it("after pruning, an edit or a deletion among the kept events is still found", async () => {
    const db = use();
    const kept = await db.selectFrom("audit_events").select(["id", "after_json"]).orderBy("id").execute();
    await db.updateTable("audit_events").set({ after_json: '{"forged":true}' }).where("id", "=", kept[1].id).execute();
    expect((await verifyAuditChain(db)).problems).toEqual([{ id: kept[1].id, problem: "edited" }]);
    await db.updateTable("audit_events").set({ after_json: kept[1].after_json }).where("id", "=", kept[1].id).execute();
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("an event written with a skewed clock never goes early, and a second prune moves the checkpoint on", async () => {
    const db = use();
    clock.advance(40 * DAY);
    await event(db, customer, clock.now(), "now");
    // An instance whose clock is behind writes an event dated before the cutoff after a young one.
    await event(db, customer, clock.now() - 35 * DAY, "skewed");
    const skewed = await db.selectFrom("audit_events").select("id").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    const run = await applyRetention(db, systemCtx(clock.now));
    expect(run.audit?.throughId).toBeLessThan(skewed.id);
    expect(await db.selectFrom("audit_events").select("id").where("id", "=", skewed.id).executeTakeFirst()).toBeTruthy();
    const report = await verifyAuditChain(db);
    expect(report.ok).toBe(true);
    expect(report.startsAfter?.id).toBe(run.audit?.throughId);
    expect(await db.selectFrom("audit_checkpoints").select("id").where("kind", "=", "pruned").execute()).toHaveLength(2);
  });
});
