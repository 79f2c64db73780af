import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { manualClock } from "../clock";
import { drain } from "../jobs/test-helpers";
import type { DB } from "../db";
import { STATUS_NOTIFY_JOB } from "../status/events";
import { verifySignature } from "./webhook-signature";
import {
  api,
  linksIn,
  outbox,
  seedComponent,
  seedIncidentEvent,
  seedMaintenanceEvent,
  startReceiver,
  subscriptionWorker,
} from "./test-helpers";
import { tokenHash } from "./tokens";

async function confirmedEmail(db: DB, address: string, opts: { locale?: "en" | "ru"; components?: number[] } = {}) {
  await api(db).subscriptions.subscribe({ kind: "email", email: address, ...opts });
  const mails = await outbox(db, address);
  await api(db).subscriptions.confirm({ token: linksIn(mails[mails.length - 1].body_text).confirm! });
}

describeEachDialect("status.notify fan-out", (use) => {
  const clock = manualClock();
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret = "";
  let checkout = 0;
  let search = 0;

  beforeAll(async () => {
    const db = use();
    receiver = await startReceiver();
    checkout = await seedComponent(db, "checkout-n");
    search = await seedComponent(db, "search-n");
    await confirmedEmail(db, "all@example.test");
    await confirmedEmail(db, "checkout@example.test", { components: [checkout] });
    await confirmedEmail(db, "poisk@example.test", { locale: "ru", components: [search] });
    await api(db).subscriptions.subscribe({ kind: "email", email: "unconfirmed@example.test" });
    const hook = await api(db, null, clock.now).subscriptions.subscribe({ kind: "webhook", url: receiver.url, components: [checkout] });
    secret = hook.kind === "webhook" ? hook.secret : "";
    // The receiver echoes the verification challenge: from now on it is active.
    await drain(subscriptionWorker(db, clock.now).runOnce);
    expect(receiver.verifications).toHaveLength(1);
  });
  afterAll(async () => receiver.close());

  async function run() {
    await drain(subscriptionWorker(use(), clock.now).runOnce);
  }
  async function mailsAbout(title: string) {
    return (await outbox(use())).filter((m) => m.subject.includes(title));
  }

  it("incident opened: confirmed, matching subscribers only, in their language, with working links; one signed webhook", async () => {
    const db = use();
    const { incidentId } = await seedIncidentEvent(db, clock.now(), {
      title: "Checkout is not responding",
      components: [checkout],
      body: "Payments time out.",
    });
    const hooksBefore = receiver.received.length;
    await run();
    const mails = await mailsAbout("Checkout is not responding");
    expect(mails.map((m) => m.to_address).sort()).toEqual(["all@example.test", "checkout@example.test"]);
    const mail = mails.find((m) => m.to_address === "all@example.test")!;
    expect(mail.subject).toBe("[Investigating] Checkout is not responding");
    expect(mail.body_text).toContain("Payments time out.");
    expect(mail.body_text).toContain(`http://mayak.test/status/incidents/${incidentId}`);
    expect(mail.body_text).toContain("checkout-n (en)");
    const { oneClick, unsubscribePage } = linksIn(mail.body_text);
    expect(unsubscribePage).toBe(oneClick);
    const row = await db
      .selectFrom("status_subscribers")
      .select("unsubscribe_token_hash")
      .where("target", "=", "all@example.test")
      .executeTakeFirstOrThrow();
    expect(tokenHash(oneClick!)).toBe(row.unsubscribe_token_hash);

    const hooks = receiver.received.slice(hooksBefore);
    expect(hooks).toHaveLength(1);
    const body = JSON.parse(hooks[0].body);
    expect(body).toMatchObject({
      type: "incident.opened",
      incident: {
        id: incidentId,
        title: "Checkout is not responding",
        status: "investigating",
        components: [{ id: checkout, slug: "checkout-n" }],
      },
      update: { status: "investigating", body: "Payments time out." },
      url: `http://mayak.test/status/incidents/${incidentId}`,
    });
    expect(hooks[0].headers["x-mayak-event"]).toBe("incident.opened");
    expect(
      verifySignature(secret, hooks[0].headers["x-mayak-signature"] as string, hooks[0].body, 300, Math.floor(clock.now() / 1000)),
    ).toBe(true);
  });

  it("per-component filtering: a search incident reaches the Russian search subscriber and everyone-subscribers only", async () => {
    const { incidentId } = await seedIncidentEvent(use(), clock.now(), { title: "Search is slow", components: [search] });
    const hooksBefore = receiver.received.length;
    await run();
    const mails = await mailsAbout("Search is slow");
    expect(mails.map((m) => m.to_address).sort()).toEqual(["all@example.test", "poisk@example.test"]);
    const ru = mails.find((m) => m.to_address === "poisk@example.test")!;
    expect(ru.subject).toBe("[Выясняем причину] Search is slow");
    expect(ru.body_text).toContain(`http://mayak.test/ru/status/incidents/${incidentId}`);
    expect(ru.body_text).toContain("search-n (ru)");
    expect(ru.body_text).toContain("http://mayak.test/ru/subscriptions/unsubscribe/");
    expect(receiver.received.length).toBe(hooksBefore);
  });

  it("incident updated and resolved each notify, with the status of the update", async () => {
    const db = use();
    const { incidentId } = await seedIncidentEvent(db, clock.now(), { title: "Login errors", components: [checkout] });
    clock.advance(60_000);
    await seedIncidentEvent(db, clock.now(), {
      title: "Login errors",
      components: [],
      incidentId,
      status: "identified",
      type: "incident.updated",
      body: "A bad deploy.",
    });
    clock.advance(60_000);
    await seedIncidentEvent(db, clock.now(), {
      title: "Login errors",
      components: [],
      incidentId,
      status: "resolved",
      type: "incident.resolved",
      body: "Rolled back.",
    });
    await run();
    const subjects = (await mailsAbout("Login errors")).filter((m) => m.to_address === "checkout@example.test").map((m) => m.subject);
    // Jobs of one batch run side by side, so the order of the emails is not guaranteed; the times in them are.
    expect(subjects.sort()).toEqual(["[Identified] Login errors", "[Investigating] Login errors", "[Resolved] Login errors"]);
    const types = receiver.received
      .map((h) => JSON.parse(h.body))
      .filter((b) => b.incident?.id === incidentId)
      .map((b) => b.type);
    expect(types.sort()).toEqual(["incident.opened", "incident.resolved", "incident.updated"]);
  });

  it("maintenance scheduled, started and completed each notify", async () => {
    const db = use();
    for (const type of ["maintenance.scheduled", "maintenance.started", "maintenance.completed"] as const) {
      await seedMaintenanceEvent(db, clock.now(), { title: `DB upgrade ${type}`, components: [checkout], type });
    }
    await run();
    const mails = (await mailsAbout("DB upgrade")).filter((m) => m.to_address === "all@example.test");
    expect(mails.map((m) => m.subject).sort()).toEqual([
      "[Maintenance completed] DB upgrade maintenance.completed",
      "[Maintenance in progress] DB upgrade maintenance.started",
      "[Scheduled maintenance] DB upgrade maintenance.scheduled",
    ]);
    expect(mails[0].body_text).toContain("http://mayak.test/status");
    expect(mails[0].body_text).toContain("You receive this because you subscribed to status updates.");
    const hook = receiver.received.map((h) => JSON.parse(h.body)).find((b) => b.type === "maintenance.started");
    expect(hook.maintenance).toMatchObject({
      title: "DB upgrade maintenance.started",
      status: "in_progress",
      components: [{ id: checkout }],
    });
    // No component of the search subscriber is affected.
    expect(await mailsAbout("DB upgrade").then((all) => all.some((m) => m.to_address === "poisk@example.test"))).toBe(false);
  });

  it("is idempotent: a notify job that runs again (a crash after commit) sends nothing twice", async () => {
    const db = use();
    await seedIncidentEvent(db, clock.now(), { title: "Twice told", components: [checkout] });
    await run();
    const first = (await mailsAbout("Twice told")).length;
    const hooks = receiver.received.length;
    expect(first).toBe(2);
    const job = await db
      .selectFrom("jobs")
      .select(["id", "payload"])
      .where("type", "=", STATUS_NOTIFY_JOB)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(job.payload).fanout.after).toBeGreaterThan(0);
    await db.updateTable("jobs").set({ status: "pending", run_at: clock.now(), attempts: 0 }).where("id", "=", job.id).execute();
    await run();
    expect((await mailsAbout("Twice told")).length).toBe(first);
    expect(receiver.received.length).toBe(hooks);
    expect((await db.selectFrom("jobs").select("status").where("id", "=", job.id).executeTakeFirstOrThrow()).status).toBe("done");
  });

  it("an event whose incident is missing goes straight to dead letters", async () => {
    const db = use();
    const r = await db
      .insertInto("jobs")
      .values({
        type: STATUS_NOTIFY_JOB,
        payload: JSON.stringify({ type: "incident.opened", incidentId: 987654, updateId: 1 }),
        status: "pending",
        run_at: clock.now(),
        attempts: 0,
        max_attempts: 5,
        lease_until: null,
        locked_by: null,
        last_error: null,
        created_at: clock.now(),
        updated_at: clock.now(),
      })
      .executeTakeFirstOrThrow();
    await run();
    const job = await db.selectFrom("jobs").select(["status", "attempts"]).where("id", "=", Number(r.insertId)).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: "dead", attempts: 1 });
  });
});
