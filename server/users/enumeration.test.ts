import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { makeCustomer } from "@/tests/factories";
import type { DB } from "../db";
import { hashPassword } from "../auth/password";
import { signInWithThrottle } from "../auth/sign-in";
import { createMemoryRateLimits, type RateLimits } from "../shared-state/rate-limits";
import { handleTrpcRequest } from "../trpc/http";
import type { TRPCContext } from "../trpc/init";
import { createWorker } from "../jobs/worker";
import { drain } from "../jobs/test-helpers";
import { usersJobs } from "./jobs";
import { authenticate } from "./authenticate";

/**
 * No account enumeration: sign-up, reset request and sign-in answer an address with an account exactly as
 * one without, over HTTP (status and the whole body), and do the same amount of writing while answering.
 */

const STRONG = "quiet harbour lantern 42";

/** One call through /api/trpc's own handler, as the browser makes it: status and parsed body. */
async function post(db: DB, limits: RateLimits, path: string, input: unknown, ip: string) {
  const ctx: TRPCContext = {
    db,
    actor: null,
    ip,
    userAgent: "vitest",
    now: Date.now,
    appUrl: "http://mayak.test",
    locale: "en",
    rateLimits: limits,
  };
  const res = await handleTrpcRequest(
    new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
    }),
    async () => ctx,
  );
  return { status: res.status, body: (await res.json()) as unknown };
}

/** How many rows each table that a request writes to holds. */
async function counts(db: DB) {
  const n = async (t: "users" | "outbox_emails" | "jobs" | "audit_events" | "sign_up_requests" | "password_resets") =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    users: await n("users"),
    outbox: await n("outbox_emails"),
    jobs: await n("jobs"),
    audit: await n("audit_events"),
    signUps: await n("sign_up_requests"),
    resets: await n("password_resets"),
  };
}

async function delta(db: DB, fn: () => Promise<unknown>) {
  const before = await counts(db);
  await fn();
  const after = await counts(db);
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]]));
}

let ipSeq = 0;
const freshIp = () => `203.0.113.${++ipSeq}`;

describeEachDialect("no account enumeration", (use) => {
  let existing: string;
  let disabled: string;

  beforeAll(async () => {
    const db = use();
    const hash = await hashPassword(STRONG);
    const a = await makeCustomer(db);
    const b = await makeCustomer(db);
    await db.updateTable("users").set({ password_hash: hash }).where("id", "in", [a.id, b.id]).execute();
    await db.updateTable("users").set({ disabled: 1 }).where("id", "=", b.id).execute();
    existing = a.email;
    disabled = b.email;
  });

  it("sign-up: an address with an account gets the same answer as a new one, and the same writes (one email, one job, one audit event)", async () => {
    const db = use();
    const limits = createMemoryRateLimits();
    const input = (email: string) => ({ email, password: "lighthouse keeper's new boots", name: "Someone Else", locale: "en" });
    let known: Awaited<ReturnType<typeof post>> | undefined;
    let unknown: Awaited<ReturnType<typeof post>> | undefined;
    const knownWrites = await delta(db, async () => (known = await post(db, limits, "account.signUp", input(existing), freshIp())));
    const unknownWrites = await delta(
      db,
      async () => (unknown = await post(db, limits, "account.signUp", input("brand.new@example.test"), freshIp())),
    );
    expect(known).toEqual({ status: 200, body: { result: {} } });
    expect(unknown).toEqual(known);
    // The same work apart from where the new address's request is kept (its link needs it).
    expect({ ...knownWrites, signUps: 0 }).toEqual({ ...unknownWrites, signUps: 0 });
    expect(knownWrites).toMatchObject({ users: 0, outbox: 1, jobs: 1, audit: 1 });
    expect(unknownWrites).toMatchObject({ users: 0, outbox: 1, jobs: 1, audit: 1, signUps: 1 });
    // What each address received differs, and only its owner reads it.
    const mails = await db.selectFrom("outbox_emails").select(["to_address", "subject"]).orderBy("id", "desc").limit(2).execute();
    expect(mails).toEqual([
      { to_address: "brand.new@example.test", subject: "Confirm your email to finish creating your Mayak account" },
      { to_address: existing, subject: "Someone tried to sign up with your email address" },
    ]);
  });

  it("sign-up: a disabled account's address gets the same answer too (and no email)", async () => {
    const db = use();
    const limits = createMemoryRateLimits();
    const res = await post(
      db,
      limits,
      "account.signUp",
      { email: disabled, password: "lighthouse keeper's new boots", name: "Someone", locale: "en" },
      freshIp(),
    );
    expect(res).toEqual({ status: 200, body: { result: {} } });
  });

  it("sign-up: refusals are the same for both (a weak password, bad input, the per-address limit)", async () => {
    const db = use();
    const limits = createMemoryRateLimits();
    for (const [password, name] of [
      ["password123", "Someone"],
      ["short", ""],
    ]) {
      const a = await post(db, limits, "account.signUp", { email: existing, password, name, locale: "en" }, freshIp());
      const b = await post(db, limits, "account.signUp", { email: "another.new@example.test", password, name, locale: "en" }, freshIp());
      expect(a.status).toBe(400);
      expect(b).toEqual(a);
    }
    // Three emails an hour to one address; the fourth request is refused the same way for either.
    const limited = [];
    for (const email of [existing, "third.new@example.test"]) {
      for (let i = 0; i < 3; i++)
        expect(
          (
            await post(
              db,
              limits,
              "account.signUp",
              { email, password: "lighthouse keeper's new boots", name: "X Y", locale: "en" },
              freshIp(),
            )
          ).status,
        ).toBe(200);
      limited.push(
        await post(
          db,
          limits,
          "account.signUp",
          { email, password: "lighthouse keeper's new boots", name: "X Y", locale: "en" },
          freshIp(),
        ),
      );
    }
    expect(limited[0].status).toBe(429);
    expect(limited[1]).toEqual(limited[0]);
  });

  it("reset request: the same answer for an account, a disabled account and no account, and the same single write (a job)", async () => {
    const db = use();
    const limits = createMemoryRateLimits();
    const answers = [];
    const writes = [];
    for (const email of [existing, disabled, "nobody.here@example.test"]) {
      let res: Awaited<ReturnType<typeof post>> | undefined;
      writes.push(
        await delta(db, async () => (res = await post(db, limits, "account.requestPasswordReset", { email, locale: "en" }, freshIp()))),
      );
      answers.push(res);
    }
    expect(answers[0]).toEqual({ status: 200, body: { result: {} } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    for (const w of writes) expect(w).toEqual({ users: 0, outbox: 0, jobs: 1, audit: 0, signUps: 0, resets: 0 });

    // In the background, only the enabled account gets a link.
    const worker = createWorker({
      db,
      handlers: usersJobs(db, { appUrl: () => "http://mayak.test" }).handlers,
      log: { error: () => undefined },
    });
    const sent = await delta(db, () => drain(() => worker.runOnce()));
    expect(sent).toMatchObject({ outbox: 1, resets: 1, audit: 1 });
    const mail = await db.selectFrom("outbox_emails").select(["to_address", "subject"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(mail).toEqual({ to_address: existing, subject: "Reset your Mayak password" });
  });

  it("reset request: bad input and the per-address limit answer the same for both", async () => {
    const db = use();
    const limits = createMemoryRateLimits();
    const limited = [];
    for (const email of [existing, "nobody.else@example.test"]) {
      for (let i = 0; i < 3; i++)
        expect((await post(db, limits, "account.requestPasswordReset", { email, locale: "en" }, freshIp())).status).toBe(200);
      limited.push(await post(db, limits, "account.requestPasswordReset", { email, locale: "en" }, freshIp()));
    }
    expect(limited[0].status).toBe(429);
    expect(limited[1]).toEqual(limited[0]);
  });

  it("sign-in: an unknown address, a wrong password and a disabled account fail alike, with the same back-off", async () => {
    const db = use();
    const limits = createMemoryRateLimits();
    const deps = { db, limits, authSecret: "enumeration-test-secret-0123456789", now: Date.now };
    const attempt = (email: string, password: string) => signInWithThrottle(deps, { email, password, ip: freshIp(), userAgent: "vitest" });
    const errorOf = (email: string, password: string) =>
      authenticate(db, { actor: null, ip: "192.0.2.1", userAgent: "vitest", now: Date.now }, { email, password }).then(
        () => null,
        (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
      );

    const wrong = await errorOf(existing, "not the password at all");
    expect(wrong).toEqual({ code: "INVALID_CREDENTIALS", message: "Wrong email or password" });
    expect(await errorOf("no.such.person@example.test", "not the password at all")).toEqual(wrong);
    expect(await errorOf(disabled, STRONG)).toEqual(wrong);

    for (const email of [existing, "no.such.person@example.test", disabled]) {
      const outcomes = [];
      for (let i = 0; i < 6; i++) outcomes.push((await attempt(email, "not the password at all")).kind);
      expect(outcomes, email).toEqual(["failed", "failed", "failed", "failed", "failed", "throttled"]);
    }
  });
});
