import { afterEach, describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { makeLead } from "@/tests/factories";
import { manualClock } from "../clock";
import { drain } from "../jobs/test-helpers";
import { unusedPort } from "@/tests/fake-smtp";
import { signatureHeader, verifySignature } from "./webhook-signature";
import { WEBHOOK_DELIVER_JOB } from "./notify";
import { api, auditActions, seedComponent, seedIncidentEvent, startReceiver, subscriptionWorker } from "./test-helpers";

describe("verifySignature", () => {
  const secret = "whsec_test_secret_0123456789";
  const body = JSON.stringify({ type: "incident.opened", n: 1 });
  const t = 1_800_000_000;
  const header = signatureHeader(secret, body, t);

  it("accepts the signature Mayak sends, within the tolerance", () => {
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, 300, t + 299)).toBe(true);
    expect(verifySignature(secret, header, Buffer.from(body), 300, t - 10)).toBe(true);
  });

  it("rejects a tampered body, another secret, an old or altered timestamp and malformed headers", () => {
    expect(verifySignature(secret, header, body.replace("1", "2"), 300, t)).toBe(false);
    expect(verifySignature("another_secret_0123456789", header, body, 300, t)).toBe(false);
    expect(verifySignature(secret, header, body, 300, t + 301)).toBe(false);
    expect(verifySignature(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, 300, t)).toBe(false);
    for (const bad of [null, undefined, "", "v1=abc", `t=${t}`, `t=x,v1=${"0".repeat(64)}`]) {
      expect(verifySignature(secret, bad, body, 300, t)).toBe(false);
    }
  });

  it("accepts any matching v1 among several (secret rotation on the sender's side)", () => {
    const other = signatureHeader("old_secret_0123456789", body, t).split(",")[1];
    expect(verifySignature(secret, `${header},${other}`, body, 300, t)).toBe(true);
  });
});

describeEachDialect("webhook deliveries", (use) => {
  const clock = manualClock();
  let closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers) await c();
    closers = [];
  });

  /** A webhook made active: verified by its echoing receiver, or approved by staff when nothing can answer. */
  async function setup(slug: string, opts: { secret?: string; url?: string; approve?: boolean } = {}) {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const component = await seedComponent(use(), slug);
    const res = await api(use(), null, clock.now).subscriptions.subscribe({
      kind: "webhook",
      url: opts.url ?? receiver.url,
      components: [component],
      secret: opts.secret,
    });
    if (res.kind !== "webhook") throw new Error("expected a webhook");
    if (opts.approve) await api(use(), await makeLead(use())).subscriptions.approve({ id: res.id });
    else await drain(worker().runOnce);
    return { receiver, component, ...res };
  }
  const worker = () => subscriptionWorker(use(), clock.now, 1000);
  const deliveryJob = (id: number) =>
    use()
      .selectFrom("jobs")
      .selectAll()
      .where("type", "=", WEBHOOK_DELIVER_JOB)
      .where("payload", "like", `{"subscriberId":${id},%`)
      .executeTakeFirstOrThrow();

  it("once verified, signs with a secret of the subscriber's choosing, and says so in the headers", async () => {
    const secret = "my-own-secret-of-24-chars";
    const { receiver, component, id } = await setup("hook-own", { secret });
    expect(await auditActions(use(), id)).toEqual(["subscription.created", "subscription.verified"]);
    expect(
      verifySignature(
        secret,
        receiver.verifications[0].headers["x-mayak-signature"] as string,
        receiver.verifications[0].body,
        300,
        Math.floor(clock.now() / 1000),
      ),
    ).toBe(true);
    await seedIncidentEvent(use(), clock.now(), { title: "Own secret", components: [component] });
    await drain(worker().runOnce);
    expect(receiver.received).toHaveLength(1);
    const [hook] = receiver.received;
    expect(hook.headers["content-type"]).toBe("application/json");
    expect(hook.headers["x-mayak-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    const now = Math.floor(clock.now() / 1000);
    expect(verifySignature(secret, hook.headers["x-mayak-signature"] as string, hook.body, 300, now)).toBe(true);
    expect(verifySignature(secret, hook.headers["x-mayak-signature"] as string, hook.body.replace("Own", "0wn"), 300, now)).toBe(false);
    // The stored secret is the one given; the list never shows it.
    const lead = await makeLead(use());
    expect(JSON.stringify(await api(use(), lead).subscriptions.list({ kind: "webhook" }))).not.toContain(secret);
  });

  it("retries a 500 with backoff (10 s, then 20 s) and then succeeds with the same delivery", async () => {
    const { receiver, component, id } = await setup("hook-retry");
    receiver.answers.push(500, 503);
    await seedIncidentEvent(use(), clock.now(), { title: "Flaky receiver", components: [component] });
    const w = worker();
    await drain(w.runOnce);
    expect(receiver.received).toHaveLength(1);
    let job = await deliveryJob(id);
    expect(job).toMatchObject({ status: "pending", attempts: 1, run_at: clock.now() + 10_000 });
    expect(job.last_error).toContain("HTTP 500");

    clock.advance(9_999);
    expect(await drain(w.runOnce)).toBe(0);
    clock.advance(1);
    await drain(w.runOnce);
    job = await deliveryJob(id);
    expect(job).toMatchObject({ status: "pending", attempts: 2, run_at: clock.now() + 20_000 });

    clock.advance(20_000);
    await drain(w.runOnce);
    expect((await deliveryJob(id)).status).toBe("done");
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["x-mayak-delivery"])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
  });

  it("retries when nothing listens (a network error)", async () => {
    const { component, id } = await setup("hook-down", { url: `http://127.0.0.1:${await unusedPort()}/hook`, approve: true });
    await seedIncidentEvent(use(), clock.now(), { title: "Nobody home", components: [component] });
    await drain(worker().runOnce);
    const job = await deliveryJob(id);
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.last_error).toContain("webhook delivery failed");
  });

  it("410 Gone unsubscribes the webhook (audited) and stops", async () => {
    const { receiver, component, id } = await setup("hook-gone");
    receiver.answers.push(410);
    await seedIncidentEvent(use(), clock.now(), { title: "Gone away", components: [component] });
    await drain(worker().runOnce);
    expect((await deliveryJob(id)).status).toBe("done");
    expect(await use().selectFrom("status_subscribers").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
    expect(await auditActions(use(), id)).toEqual(["subscription.created", "subscription.verified", "subscription.removed"]);
    const audit = await use()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "subscription.removed")
      .where("entity_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toEqual({ via: "gone" });

    await seedIncidentEvent(use(), clock.now(), { title: "Gone away again", components: [component] });
    await drain(worker().runOnce);
    expect(receiver.received).toHaveLength(1);
  });

  it("unsubscribes through its one-click link", async () => {
    const { unsubscribeUrl, id } = await setup("hook-link");
    const token = new URL(unsubscribeUrl).searchParams.get("token")!;
    expect(await api(use()).subscriptions.unsubscribe({ token })).toEqual({ unsubscribed: true });
    expect(await use().selectFrom("status_subscribers").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });
});
