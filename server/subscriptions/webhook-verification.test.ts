import { afterEach, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { errorCode, makeAdmin, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import { systemCtx, type Actor } from "../context";
import { manualClock } from "../clock";
import { drain } from "../jobs/test-helpers";
import type { Resolver } from "../net/safe-fetch";
import { verifySignature } from "./webhook-signature";
import { WEBHOOK_DELIVER_JOB } from "./notify";
import {
  api,
  auditActions,
  seedComponent,
  seedIncidentEvent,
  startReceiver,
  subscriptionWorker,
  TEST_OUTBOUND,
  testLinks,
  type Receiver,
} from "./test-helpers";
import { subscribe as subscribeDomain } from "./subscribe";
import type { WebhookOutbound } from "./jobs";

/** Private addresses refused (the default), plain http allowed so the local receivers can be named. */
const STRICT: WebhookOutbound = { policy: { allowHttp: true, allowPrivate: false } };

describeEachDialect("webhook verification and outbound rules", (use) => {
  const clock = manualClock();
  let closers: (() => Promise<void>)[] = [];
  let lead: Actor;
  let component = 0;
  beforeAll(async () => {
    lead = await makeLead(use());
    component = await seedComponent(use(), "verify-c");
  });
  afterEach(async () => {
    for (const c of closers) await c();
    closers = [];
  });

  async function receiver(echo: Receiver["echo"] = "text") {
    const r = await startReceiver({ echo });
    closers.push(r.close);
    return r;
  }
  async function subscribe(url: string) {
    const res = await api(use(), null, clock.now).subscriptions.subscribe({ kind: "webhook", url, components: [component] });
    if (res.kind !== "webhook") throw new Error("expected a webhook");
    return res;
  }
  const run = (outbound: WebhookOutbound = TEST_OUTBOUND) => drain(subscriptionWorker(use(), clock.now, 1000, outbound).runOnce);
  /** Runs the worker through every retry of the jobs now pending (the backoff reaches a few minutes at most). */
  async function runThroughRetries(outbound?: WebhookOutbound) {
    for (let i = 0; i < 10; i++) {
      await run(outbound);
      clock.advance(10 * 60_000);
    }
  }
  const listed = async (id: number) => (await api(use(), lead).subscriptions.list({ kind: "webhook" })).items.find((i) => i.id === id);
  const deliveryJobs = (id: number) =>
    use()
      .selectFrom("jobs")
      .selectAll()
      .where("type", "=", WEBHOOK_DELIVER_JOB)
      .where("payload", "like", `{"subscriberId":${id},%`)
      .execute();
  async function incident(title: string) {
    await seedIncidentEvent(use(), clock.now(), { title, components: [component] });
  }

  it("anonymous subscribe still works, but nothing is sent before the endpoint proves control", async () => {
    const r = await receiver("none");
    const { id, secret, unsubscribeUrl } = await subscribe(r.url);
    expect(secret).toMatch(/^whsec_/);
    expect(unsubscribeUrl).toContain("/api/subscriptions/unsubscribe?token=");
    expect(await listed(id)).toMatchObject({ state: "unverified", confirmed: false });

    await incident("Before verification");
    await run();
    expect(r.received).toHaveLength(0);
    expect(await deliveryJobs(id)).toHaveLength(0);

    // It was asked, with a signed challenge.
    expect(r.verifications).toHaveLength(1);
    const [call] = r.verifications;
    const body = JSON.parse(call.body) as { type: string; challenge: string; subscription: { id: number } };
    expect(body).toMatchObject({ type: "subscription.verify", subscription: { id } });
    expect(body.challenge).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(call.headers["x-mayak-event"]).toBe("subscription.verify");
    expect(verifySignature(secret, call.headers["x-mayak-signature"] as string, call.body, 300, Math.floor(clock.now() / 1000))).toBe(true);
    expect((await listed(id))?.lastError).toContain("challenge");

    // A few retries, each with a fresh challenge, then it is marked failed; still nothing delivered.
    await runThroughRetries();
    expect(r.verifications.length).toBeGreaterThanOrEqual(3);
    expect(new Set(r.verifications.map((v) => (JSON.parse(v.body) as { challenge: string }).challenge)).size).toBe(r.verifications.length);
    expect(await listed(id)).toMatchObject({ state: "failed", confirmed: false });
    await incident("After failed verification");
    await run();
    expect(r.received).toHaveLength(0);
    expect(await deliveryJobs(id)).toHaveLength(0);
    expect(await auditActions(use(), id)).toEqual(["subscription.created", "subscription.verification_failed"]);
  });

  it.each(["text", "json"] as const)("an endpoint that echoes the challenge (%s) is verified, then receives deliveries", async (echo) => {
    const r = await receiver(echo);
    const { id } = await subscribe(r.url);
    await run();
    expect(r.verifications).toHaveLength(1);
    expect(await listed(id)).toMatchObject({ state: "verified", confirmed: true, lastError: null });
    expect(await auditActions(use(), id)).toEqual(["subscription.created", "subscription.verified"]);
    await incident(`Verified ${echo}`);
    await run();
    expect(r.received).toHaveLength(1);
    expect(JSON.parse(r.received[0].body)).toMatchObject({ type: "incident.opened" });
  });

  it("a 2xx without the right challenge, or the challenge with an error status, does not verify", async () => {
    const wrong = await receiver("wrong");
    const failing = await receiver("text");
    failing.answers.push(500, 500, 500, 500, 500, 500);
    const a = await subscribe(wrong.url);
    const b = await subscribe(failing.url);
    await runThroughRetries();
    expect(wrong.verifications.length).toBeGreaterThan(1);
    expect(failing.verifications.length).toBeGreaterThan(1);
    expect((await listed(a.id))?.state).toBe("failed");
    expect((await listed(b.id))?.state).toBe("failed");
    expect((await listed(b.id))?.lastError).toContain("HTTP 500");
    await incident("Never verified");
    await run();
    expect(wrong.received).toHaveLength(0);
    expect(failing.received).toHaveLength(0);
  });

  it("staff approve an unverified webhook (audited); it then receives deliveries; others get NOT_FOUND", async () => {
    const r = await receiver("none");
    const { id } = await subscribe(r.url);
    const db = use();
    for (const outsider of [null, await makeCustomer(db), await makeAgent(db)]) {
      expect(await errorCode(api(db, outsider).subscriptions.approve({ id }))).toBe(outsider ? "NOT_FOUND" : "UNAUTHORIZED");
    }
    expect((await listed(id))?.state).toBe("unverified");
    const admin = await makeAdmin(db);
    expect(await api(db, admin).subscriptions.approve({ id })).toEqual({ state: "approved" });
    expect(await listed(id)).toMatchObject({ state: "approved", confirmed: true });
    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "subscription.approved")
      .where("entity_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.id);
    expect(JSON.parse(audit.before_json!)).toEqual({ state: "unverified" });
    expect(JSON.parse(audit.after_json!)).toEqual({ state: "approved" });
    // The pending verification job finds it approved and leaves it so.
    await run();
    expect((await listed(id))?.state).toBe("approved");
    await incident("Approved by staff");
    await run();
    expect(r.received).toHaveLength(1);
    // Approving an email subscriber or an unknown id is NOT_FOUND.
    expect(await errorCode(api(db, admin).subscriptions.approve({ id: 987_654 }))).toBe("NOT_FOUND");
  });

  it("staff ask for verification again; a fixed endpoint is then verified", async () => {
    const r = await receiver("none");
    const { id } = await subscribe(r.url);
    await runThroughRetries();
    expect((await listed(id))?.state).toBe("failed");
    r.echo = "text";
    expect(await errorCode(api(use()).subscriptions.reverify({ id }))).toBe("UNAUTHORIZED");
    expect(await api(use(), lead, clock.now).subscriptions.reverify({ id })).toEqual({ state: "unverified" });
    await run();
    expect((await listed(id))?.state).toBe("verified");
  });

  it("refuses a webhook to 127.0.0.1 when private addresses are not allowed: nothing reaches it, even once approved", async () => {
    const r = await receiver("text");
    const { id } = await subscribe(r.url);
    await runThroughRetries(STRICT);
    expect(r.verifications).toHaveLength(0);
    const item = await listed(id);
    expect(item).toMatchObject({ state: "failed", confirmed: false });
    expect(item?.lastError).toContain("127.0.0.1 is a private address");

    await api(use(), lead).subscriptions.approve({ id });
    await incident("Approved but internal");
    await run(STRICT);
    expect(r.received).toHaveLength(0);
    const [job] = await deliveryJobs(id);
    expect(job).toMatchObject({ status: "dead", attempts: 1 });
    expect(job.last_error).toContain("private address");
  });

  it("refuses metadata and internal addresses in any notation at subscribe time", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/latest/meta-data/",
      "http://0.0.0.0:8080/",
      "https://hooks.example.test:22/",
    ]) {
      expect(await errorCode(api(use()).subscriptions.subscribe({ kind: "webhook", url }))).toBe("BAD_REQUEST");
    }
  });

  it("with the default rules, subscribe refuses http, internal literals, credentials and odd ports, naming the field", async () => {
    const table: [string, string][] = [
      ["http://hooks.example.test/x", "Use an https:// address"],
      ["https://127.0.0.1/x", "This is an internal or reserved address: webhooks go to public addresses only"],
      ["https://10.0.0.1:8443/x", "This is an internal or reserved address: webhooks go to public addresses only"],
      [
        "https://user:pw@hooks.example.test/x",
        "Leave the user name and password out of the URL: every call is signed with the secret instead",
      ],
      ["https://hooks.example.test:6379/x", "Use port 443, 80 or a port above 1023 (well-known database and cache ports are not allowed)"],
    ];
    const before = await use()
      .selectFrom("status_subscribers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    for (const [url, message] of table) {
      const err = await subscribeDomain(use(), systemCtx(), { kind: "webhook", url }, testLinks()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: "INVALID_INPUT", field: "url", message });
    }
    const ok = await subscribeDomain(use(), systemCtx(), { kind: "webhook", url: "https://hooks.example.test/x" }, testLinks());
    expect(ok.kind).toBe("webhook");
    const after = await use()
      .selectFrom("status_subscribers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it("refuses a host name that resolves to a private address, at verification and at delivery", async () => {
    const r = await receiver("text");
    const port = new URL(r.url).port;
    const resolve: Resolver = async (name) => (name === "hooks.internal.test" ? [{ address: "127.0.0.1", family: 4 }] : []);
    const strictDns: WebhookOutbound = { ...STRICT, resolve };
    const { id } = await subscribe(`http://hooks.internal.test:${port}/hook`);
    await runThroughRetries(strictDns);
    expect(r.verifications).toHaveLength(0);
    expect(await listed(id)).toMatchObject({
      state: "failed",
      lastError: "refused: hooks.internal.test resolves to 127.0.0.1, a private address",
    });

    // Where the address is allowed, the call goes to the address that was checked, under the host name.
    await api(use(), lead, clock.now).subscriptions.reverify({ id });
    await run({ ...TEST_OUTBOUND, resolve });
    expect((await listed(id))?.state).toBe("verified");
    expect(r.verifications[0].headers.host).toBe(`hooks.internal.test:${port}`);

    // A verified webhook whose name now resolves somewhere internal (or a stricter configuration) gets nothing.
    await incident("Internal by name");
    await run(strictDns);
    expect(r.received).toHaveLength(0);
    const [job] = await deliveryJobs(id);
    expect(job).toMatchObject({ status: "dead", attempts: 1 });
    expect(job.last_error).toContain("webhook refused: hooks.internal.test resolves to 127.0.0.1, a private address");
  });

  it("does not follow a redirect: the verification fails and an approved webhook's deliveries stop at it", async () => {
    const elsewhere = await receiver("text");
    const r = await receiver("text");
    r.headers = { Location: `${elsewhere.url}/stolen` };
    r.answers.push(307, 307, 307, 307, 307, 307, 307, 307, 307, 307);
    const { id } = await subscribe(r.url);
    await runThroughRetries();
    expect((await listed(id))?.state).toBe("failed");
    expect((await listed(id))?.lastError).toContain("redirect");
    await api(use(), lead).subscriptions.approve({ id });
    await incident("Redirected");
    await run();
    expect(elsewhere.received).toHaveLength(0);
    expect(elsewhere.verifications).toHaveLength(0);
    const [job] = await deliveryJobs(id);
    expect(job.last_error).toContain("redirects are not followed");
  });

  it("a receiver that never answers times out, and the attempt is retried", async () => {
    const r = await receiver("text");
    const { id } = await subscribe(r.url);
    await run();
    // Verified; now it hangs.
    r.answers.push(200);
    const hang = await startHangingServer();
    closers.push(hang.close);
    await use().updateTable("status_subscribers").set({ target: hang.url }).where("id", "=", id).execute();
    await incident("Hanging receiver");
    const started = Date.now();
    await run();
    expect(Date.now() - started).toBeLessThan(5000);
    const [job] = await deliveryJobs(id);
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.last_error).toContain("timeout");
  });
});

async function startHangingServer() {
  const http = await import("node:http");
  const server = http.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("node:net").AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hang`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
