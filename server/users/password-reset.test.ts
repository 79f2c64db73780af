import { beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAdmin, makeCustomer } from "@/tests/factories";
import { apiWithLimits, lastEmailTo, linkTokenFromOutbox } from "@/tests/accounts";
import { manualClock } from "../clock";
import type { Actor } from "../context";
import type { DB } from "../db";
import { hashPassword } from "../auth/password";
import { createWorker } from "../jobs/worker";
import { drain } from "../jobs/test-helpers";
import { makeEmailHandler } from "../email/send-email";
import { createMemoryRateLimits } from "../shared-state/rate-limits";
import { usersJobs, sweepAccountLinks } from "./jobs";
import { authenticate } from "./authenticate";
import { RESET_TTL_MS } from "./password-reset";
import { startSession } from "../sessions/start-session";

const OLD = "old lighthouse password";
const NEW = "brand new harbour lantern";

/** The error a call ends with: tRPC code, domain code and field errors. */
async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string; field?: string; fieldMessages?: string[] } };
    return { code: e.code, appCode: e.cause?.code, field: e.cause?.field };
  }
  throw new Error("expected the call to fail");
}

describeEachDialect("password reset by email", (use) => {
  const clock = manualClock(Date.UTC(2026, 11, 3, 9, 0, 0));
  let admin: Actor;
  let person: Actor;

  /** Runs the background jobs (reset requests and email) as the app's worker would. */
  async function runJobs(db: DB) {
    const handlers = {
      ...usersJobs(db, { appUrl: () => "http://mayak.test" }).handlers,
      "email.send": makeEmailHandler({ db, smtpUrl: undefined, from: "Mayak <support@mayak.test>", now: clock.now }),
    };
    const worker = createWorker({ db, handlers, now: clock.now, log: { error: () => undefined } });
    await drain(() => worker.runOnce());
  }

  const signsIn = (db: DB, password: string) =>
    authenticate(db, { actor: null, ip: "192.0.2.1", userAgent: "vitest", now: clock.now }, { email: person.email, password }).then(
      () => true,
      () => false,
    );

  /** Asks for a link from a new address each time (the per-address limit is not what these tests are about). */
  let seq = 0;
  async function requestLink(db: DB, email = person.email, locale: "en" | "ru" = "en"): Promise<string> {
    await apiWithLimits(db, null, { now: clock.now, ip: `198.51.100.${++seq}` }).account.requestPasswordReset({ email, locale });
    await runJobs(db);
    return linkTokenFromOutbox(db, email, "/reset-password");
  }

  beforeAll(async () => {
    admin = await makeAdmin(use());
  });

  beforeEach(async () => {
    const db = use();
    person = await makeCustomer(db);
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword(OLD) })
      .where("id", "=", person.id)
      .execute();
  });

  it("happy path: the link from the outbox sets a new password once; requested and completed are audited", async () => {
    const db = use();
    const session = await startSession(
      db,
      { userId: person.id, ip: "192.0.2.9", userAgent: "elsewhere", now: clock.now() },
      { idleMs: 7 * 86_400_000, maxAgeMs: 30 * 86_400_000 },
    );
    await apiWithLimits(db, null, { now: clock.now, ip: "198.51.100.200" }).account.requestPasswordReset({
      email: `  ${person.email.toUpperCase()} `,
      locale: "en",
    });
    expect(await lastEmailTo(db, person.email)).toBeUndefined(); // decided and sent in the background
    await runJobs(db);
    const mail = (await lastEmailTo(db, person.email))!;
    expect(mail).toMatchObject({ subject: "Reset your Mayak password", status: "kept" });
    expect(mail.body_text).toContain("http://mayak.test/reset-password?token=");
    expect(mail.body_text).toContain("30 minutes");
    const token = await linkTokenFromOutbox(db, person.email, "/reset-password");

    // Stored hashed, with its expiry.
    const row = await db.selectFrom("password_resets").selectAll().where("user_id", "=", person.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(token);
    expect(row.expires_at).toBe(clock.now() + RESET_TTL_MS);

    await apiWithLimits(db, null, { now: clock.now, ip: "198.51.100.201" }).account.resetPassword({ token, password: NEW });
    expect(await signsIn(db, NEW)).toBe(true);
    expect(await signsIn(db, OLD)).toBe(false);
    expect(await db.selectFrom("password_resets").select("id").where("user_id", "=", person.id).execute()).toEqual([]);

    const events = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_type", "=", "user")
      .where("entity_id", "=", String(person.id))
      .orderBy("id")
      .execute();
    const requested = events.find((e) => e.action === "auth.password_reset_requested")!;
    const completed = events.find((e) => e.action === "auth.password_reset_completed")!;
    expect(requested).toMatchObject({ actor_id: null, ip: "198.51.100.200" });
    expect(completed).toMatchObject({ actor_id: person.id, ip: "198.51.100.201" });

    // Everyone signed in to the account, with the old password, is signed out.
    const revoked = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.sessions_revoked")
      .where("entity_id", "=", String(person.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(revoked.after_json!)).toEqual({ reason: "password_reset", sessions: 1 });
    expect(await db.selectFrom("user_sessions").select("revoked_at").where("id", "=", session).executeTakeFirstOrThrow()).toEqual({
      revoked_at: clock.now(),
    });

    // Used once: the same link again is refused.
    expect(
      await failure(apiWithLimits(db, null, { now: clock.now }).account.resetPassword({ token, password: "yet another harbour lantern" })),
    ).toEqual({
      code: "BAD_REQUEST",
      appCode: "RESET_INVALID",
      field: undefined,
    });
    expect(await signsIn(db, NEW)).toBe(true);
  });

  it("a Russian request gets a Russian email with a /ru link", async () => {
    const db = use();
    await requestLink(db, person.email, "ru");
    const mail = (await lastEmailTo(db, person.email))!;
    expect(mail.subject).toBe("Сброс пароля в Маяке");
    expect(mail.body_text).toContain("http://mayak.test/ru/reset-password?token=");
  });

  it("an expired link is refused and changes nothing", async () => {
    const db = use();
    const token = await requestLink(db);
    clock.advance(RESET_TTL_MS + 1);
    expect(await failure(apiWithLimits(db, null, { now: clock.now }).account.resetPassword({ token, password: NEW }))).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "RESET_INVALID",
    });
    expect(await signsIn(db, OLD)).toBe(true);
    // The hourly sweep removes it.
    await sweepAccountLinks(db, clock.now());
    expect(await db.selectFrom("password_resets").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
  });

  it("a new link ends the older one", async () => {
    const db = use();
    const first = await requestLink(db);
    const second = await requestLink(db);
    expect(second).not.toBe(first);
    expect(await failure(apiWithLimits(db, null, { now: clock.now }).account.resetPassword({ token: first, password: NEW }))).toMatchObject(
      { appCode: "RESET_INVALID" },
    );
    await apiWithLimits(db, null, { now: clock.now }).account.resetPassword({ token: second, password: NEW });
    expect(await signsIn(db, NEW)).toBe(true);
  });

  it("changing the password ends every link", async () => {
    const db = use();
    const token = await requestLink(db);
    await apiWithLimits(db, person, { now: clock.now }).account.changePassword({ currentPassword: OLD, newPassword: NEW });
    expect(
      await failure(apiWithLimits(db, null, { now: clock.now }).account.resetPassword({ token, password: "yet another harbour lantern" })),
    ).toMatchObject({ appCode: "RESET_INVALID" });
    expect(await signsIn(db, NEW)).toBe(true);
  });

  it("a disabled account's link stops working, and a disabled account gets no new one", async () => {
    const db = use();
    const token = await requestLink(db);
    await apiAs(db, admin).admin.setDisabled({ userId: person.id, disabled: true });
    expect(await failure(apiWithLimits(db, null, { now: clock.now }).account.resetPassword({ token, password: NEW }))).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "RESET_INVALID",
    });
    const mails = await db.selectFrom("outbox_emails").select("id").where("to_address", "=", person.email).execute();
    await apiWithLimits(db, null, { now: clock.now }).account.requestPasswordReset({ email: person.email, locale: "en" });
    await runJobs(db);
    expect(await db.selectFrom("outbox_emails").select("id").where("to_address", "=", person.email).execute()).toEqual(mails);
    await apiAs(db, admin).admin.setDisabled({ userId: person.id, disabled: false });
    expect(await signsIn(db, OLD)).toBe(true);
  });

  it("a weak new password is refused with the policy's field errors, and the link still works afterwards", async () => {
    const db = use();
    const token = await requestLink(db);
    const api = apiWithLimits(db, null, { now: clock.now });
    const err = (await api.account.resetPassword({ token, password: "password123" }).then(
      () => expect.fail("a weak password was accepted"),
      (e: unknown) => e,
    )) as { code: string; cause: { code: string; fieldMessages: string[] } };
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.cause.code).toBe("WEAK_PASSWORD");
    expect(err.cause.fieldMessages[0]).toBe("This password is too easy to guess");
    const derived = await failure(api.account.resetPassword({ token, password: `${person.name.replace(/\s/g, "")}2026!` }));
    expect(derived).toEqual({ code: "BAD_REQUEST", appCode: "WEAK_PASSWORD", field: "password" });
    await api.account.resetPassword({ token, password: NEW });
    expect(await signsIn(db, NEW)).toBe(true);
  });

  it("a made-up or malformed token is refused before any password work", async () => {
    const db = use();
    const api = apiWithLimits(db, null, { now: clock.now });
    expect(await failure(api.account.resetPassword({ token: "x".repeat(43), password: NEW }))).toEqual({
      code: "BAD_REQUEST",
      appCode: "RESET_INVALID",
      field: undefined,
    });
    expect(await failure(api.account.resetPassword({ token: "short", password: NEW }))).toMatchObject({ code: "BAD_REQUEST" });
    // Even with a weak password, a wrong link says the link is wrong (the policy needs the account).
    expect(await failure(api.account.resetPassword({ token: "y".repeat(43), password: "password123" }))).toMatchObject({
      appCode: "RESET_INVALID",
    });
  });

  it("requests are limited per client address and per email address", async () => {
    const db = use();
    const limits = createMemoryRateLimits(clock.now);
    const from = (ip: string) => apiWithLimits(db, null, { now: clock.now, ip, limits });
    // Per email: three an hour, from anywhere.
    for (let i = 0; i < 3; i++) await from(`192.0.2.${10 + i}`).account.requestPasswordReset({ email: person.email, locale: "en" });
    expect(await failure(from("192.0.2.20").account.requestPasswordReset({ email: person.email, locale: "en" }))).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      appCode: "RATE_LIMITED",
    });
    // Per client: ten an hour, whatever the address.
    for (let i = 0; i < 10; i++) await from("192.0.2.30").account.requestPasswordReset({ email: `someone${i}@example.test`, locale: "en" });
    expect(
      await failure(from("192.0.2.30").account.requestPasswordReset({ email: "someone.else@example.test", locale: "en" })),
    ).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // An hour later both have room again.
    clock.advance(3_600_000 + 1000);
    await from("192.0.2.30").account.requestPasswordReset({ email: person.email, locale: "en" });
    // Completing a reset is limited per client too.
    for (let i = 0; i < 20; i++) await failure(from("192.0.2.40").account.resetPassword({ token: "z".repeat(43), password: NEW }));
    expect(await failure(from("192.0.2.40").account.resetPassword({ token: "z".repeat(43), password: NEW }))).toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });
});
