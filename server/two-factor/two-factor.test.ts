import { beforeAll, expect, it } from "vitest";
import { generate } from "otplib";
import { describeEachDialect } from "@/tests/db";
import { errorCode, makeAdmin, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { DB } from "../db";
import type { Actor } from "../context";
import { getAuthSecret } from "../env";
import { createCaller } from "../trpc/root";
import { manualClock } from "../clock";
import { hashPassword } from "../auth/password";
import { signInWithThrottle } from "../auth/sign-in";
import { createMemoryRateLimits, type RateLimits } from "../shared-state/rate-limits";
import { openSecret } from "./secret-box";

const PASSWORD = "correct horse battery";
const clock = manualClock(Date.UTC(2026, 11, 3, 12, 0, 0));
let limits: RateLimits;
let ips = 0;

/** The API as this actor, on the test's clock and its own rate limits (so that the two dialects' user ids never share a count). */
const api = (db: DB, actor: Actor | null) =>
  createCaller({
    db,
    actor,
    ip: "127.0.0.1",
    userAgent: "vitest",
    now: clock.now,
    appUrl: "http://mayak.test",
    locale: "en",
    rateLimits: limits,
  });

const codeAt = (secret: string, ms = clock.now()) => generate({ secret, epoch: Math.floor(ms / 1000) });

async function withPassword(db: DB, actor: Actor): Promise<Actor> {
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(PASSWORD) })
    .where("id", "=", actor.id)
    .execute();
  return actor;
}

const signIn = (db: DB, actor: Actor, extra: { password?: string; code?: string } = {}) =>
  signInWithThrottle(
    { db, limits, authSecret: getAuthSecret(), now: clock.now },
    { email: actor.email, password: extra.password ?? PASSWORD, code: extra.code, ip: `198.51.100.${++ips % 250}`, userAgent: "vitest" },
  );

/** Enrols the actor: begin, confirm with the current code. Returns the secret and the recovery codes. */
async function enrol(db: DB, actor: Actor): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await api(db, actor).twoFactor.begin();
  const { recoveryCodes } = await api(db, actor).twoFactor.confirm({ code: await codeAt(secret) });
  clock.advance(30_000); // the next sign-in uses the next step's code
  return { secret, recoveryCodes };
}

async function appCode(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
  } catch (err) {
    return ((err as { cause?: { code?: string } }).cause?.code as string | undefined) ?? null;
  }
  throw new Error("expected the call to fail");
}

const auditOf = (db: DB, action: string) => db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("id").execute();

describeEachDialect("two-factor authentication", (use) => {
  beforeAll(() => {
    limits = createMemoryRateLimits(clock.now);
  });

  it("enrolment: a secret made by the server, stored encrypted, in force only after a first valid code; ten recovery codes shown once, stored hashed", async () => {
    const db = use();
    const agent = await makeAgent(db);
    const start = await api(db, agent).twoFactor.begin();
    expect(start.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.uri).toBe(`otpauth://totp/Mayak:${encodeURIComponent(agent.email)}?secret=${start.secret}&issuer=Mayak`);
    expect(start.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const row = await db.selectFrom("user_two_factor").selectAll().where("user_id", "=", agent.id).executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(start.secret);
    expect(openSecret(getAuthSecret(), agent.id, row.secret_enc)).toBe(start.secret);
    expect(row.enabled_at).toBeNull();
    expect(await api(db, agent).twoFactor.status()).toMatchObject({ enabled: false, pending: true });

    expect(await appCode(api(db, agent).twoFactor.confirm({ code: "000000" }))).toBe("TWO_FACTOR_INVALID");
    expect(await errorCode(api(db, agent).twoFactor.confirm({ code: "000000" }))).toBe("BAD_REQUEST");
    expect(await api(db, agent).twoFactor.status()).toMatchObject({ enabled: false, pending: true });
    expect(await auditOf(db, "two_factor.enabled")).toHaveLength(0);

    const { recoveryCodes } = await api(db, agent).twoFactor.confirm({ code: await codeAt(start.secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db.selectFrom("user_recovery_codes").selectAll().where("user_id", "=", agent.id).execute();
    expect(stored).toHaveLength(10);
    for (const c of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(c.replace(/-/g, ""));
    expect(await api(db, agent).twoFactor.status()).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    const [event] = await auditOf(db, "two_factor.enabled");
    expect(event).toMatchObject({ actor_id: agent.id, entity_type: "user", entity_id: String(agent.id) });
    expect(JSON.parse(event!.after_json!)).toEqual({ method: "totp", recoveryCodes: 10 });

    expect(await appCode(api(db, agent).twoFactor.begin()), "on already").toBe("TWO_FACTOR_ENABLED");
    expect(await appCode(api(db, agent).twoFactor.confirm({ code: await codeAt(start.secret) }))).toBe("TWO_FACTOR_ENABLED");
  });

  it("sign-in: a right password without the code asks for it; a wrong password never mentions it; a wrong code fails; the right code signs in", async () => {
    const db = use();
    const agent = await withPassword(db, await makeAgent(db));
    const { secret } = await enrol(db, agent);

    expect(await signIn(db, agent, { password: "wrong password!" })).toEqual({ kind: "failed" });
    expect(
      await signIn(db, agent, { password: "wrong password!", code: await codeAt(secret) }),
      "a right code does not help a wrong password",
    ).toEqual({
      kind: "failed",
    });
    expect(await signIn(db, agent)).toEqual({ kind: "second-factor", reason: "required" });
    const before = (await auditOf(db, "auth.signed_in")).length;
    expect(await signIn(db, agent, { code: "123456" === (await codeAt(secret)) ? "654321" : "123456" })).toEqual({
      kind: "second-factor",
      reason: "invalid",
    });
    const failed = await auditOf(db, "auth.sign_in_failed");
    expect(JSON.parse(failed.at(-1)!.after_json!)).toEqual({ reason: "wrong_two_factor_code" });
    expect(failed.at(-1)!.entity_id).toBe(String(agent.id));
    expect((await auditOf(db, "auth.signed_in")).length, "no session without the second factor").toBe(before);

    const ok = await signIn(db, agent, { code: await codeAt(secret) });
    expect(ok).toMatchObject({ kind: "signed-in", actor: { id: agent.id } });
    const signedIn = await auditOf(db, "auth.signed_in");
    expect(JSON.parse(signedIn.at(-1)!.after_json!)).toEqual({ secondFactor: "totp" });
  });

  it("replay: a code accepted once is refused for the rest of its window, and so are older ones", async () => {
    const db = use();
    const agent = await withPassword(db, await makeAgent(db));
    const { secret } = await enrol(db, agent);
    const code = await codeAt(secret);
    expect((await signIn(db, agent, { code })).kind).toBe("signed-in");
    expect(await signIn(db, agent, { code }), "same code, same window").toEqual({ kind: "second-factor", reason: "invalid" });
    expect(await signIn(db, agent, { code: await codeAt(secret, clock.now() - 30_000) }), "the step before").toEqual({
      kind: "second-factor",
      reason: "invalid",
    });
    clock.advance(30_000);
    expect((await signIn(db, agent, { code: await codeAt(secret) })).kind, "the next step's code works").toBe("signed-in");
  });

  it("recovery codes: each signs in once, typed in any case, and its use is audited", async () => {
    const db = use();
    const lead = await withPassword(db, await makeLead(db));
    const { recoveryCodes } = await enrol(db, lead);
    const code = recoveryCodes[3]!;
    expect((await signIn(db, lead, { code: code.toUpperCase() })).kind).toBe("signed-in");
    expect(await signIn(db, lead, { code }), "used up").toEqual({ kind: "second-factor", reason: "invalid" });
    const used = await auditOf(db, "two_factor.recovery_code_used");
    expect(used.at(-1)).toMatchObject({ entity_id: String(lead.id) });
    expect(JSON.parse(used.at(-1)!.after_json!)).toEqual({ left: 9 });
    expect(JSON.parse((await auditOf(db, "auth.signed_in")).at(-1)!.after_json!)).toEqual({ secondFactor: "recovery" });
    expect(await api(db, lead).twoFactor.status()).toMatchObject({ recoveryCodesLeft: 9 });
    expect((await signIn(db, lead, { code: recoveryCodes[4]! })).kind, "another one still works").toBe("signed-in");
  });

  it("throttle: code attempts per account back off, even for the right code, and a right code afterwards starts over", async () => {
    const db = use();
    const agent = await withPassword(db, await makeAgent(db));
    const { secret } = await enrol(db, agent);
    const wrong = async () => ((await codeAt(secret)) === "111111" ? "222222" : "111111");
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await signIn(db, agent, { code: await wrong() });
      outcomes.push(r.kind === "throttled" ? "throttled" : r.kind === "second-factor" ? r.reason : r.kind);
    }
    expect(outcomes.slice(0, 5)).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid"]);
    expect(outcomes).toContain("throttled");
    const held = await signIn(db, agent, { code: await codeAt(secret) });
    expect(held.kind, "the right code waits too").toBe("throttled");
    expect(held.kind === "throttled" && held.retryAfterSec).toBeGreaterThan(0);
    expect(await signIn(db, agent, { password: "wrong password!" }), "the password is still checked on its own").toEqual({
      kind: "failed",
    });
    clock.advance(16 * 60_000);
    expect((await signIn(db, agent, { code: await codeAt(secret) })).kind).toBe("signed-in");
    expect(await signIn(db, agent, { code: await wrong() })).toEqual({ kind: "second-factor", reason: "invalid" });
  });

  it("confirming an enrolment is throttled per account too", async () => {
    const db = use();
    const agent = await makeAgent(db);
    const { secret } = await api(db, agent).twoFactor.begin();
    const codes: (string | null)[] = [];
    for (let i = 0; i < 8; i++)
      codes.push(await appCode(api(db, agent).twoFactor.confirm({ code: (await codeAt(secret)) === "111111" ? "222222" : "111111" })));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill("TWO_FACTOR_INVALID"));
    expect(codes).toContain("RATE_LIMITED");
    expect(await errorCode(api(db, agent).twoFactor.confirm({ code: await codeAt(secret) }))).toBe("TOO_MANY_REQUESTS");
    clock.advance(16 * 60_000);
  });

  it("disable: needs a current code or the password; then sign-in asks for no code", async () => {
    const db = use();
    const customer = await withPassword(db, await makeCustomer(db));
    const { secret } = await enrol(db, customer);
    expect(await appCode(api(db, customer).twoFactor.disable({ password: "wrong password!" }))).toBe("TWO_FACTOR_INVALID");
    expect(await appCode(api(db, customer).twoFactor.disable({ code: "000000" }))).toBe("TWO_FACTOR_INVALID");
    expect(await errorCode(api(db, customer).twoFactor.disable({}))).toBe("BAD_REQUEST");
    expect(await api(db, customer).twoFactor.status()).toMatchObject({ enabled: true });
    expect(await auditOf(db, "two_factor.disabled")).toHaveLength(0);

    expect(await api(db, customer).twoFactor.disable({ code: await codeAt(secret) })).toEqual({ ok: true });
    expect(await api(db, customer).twoFactor.status()).toMatchObject({ enabled: false, pending: false, recoveryCodesLeft: 0 });
    expect(await db.selectFrom("user_recovery_codes").selectAll().where("user_id", "=", customer.id).execute()).toEqual([]);
    const [event] = await auditOf(db, "two_factor.disabled");
    expect(event).toMatchObject({ actor_id: customer.id, entity_id: String(customer.id) });
    expect(JSON.parse(event!.after_json!)).toEqual({ proof: "totp" });
    expect((await signIn(db, customer)).kind).toBe("signed-in");
    expect(await appCode(api(db, customer).twoFactor.disable({ password: PASSWORD })), "off already").toBe("TWO_FACTOR_NOT_ENABLED");

    await enrol(db, customer);
    expect(await api(db, customer).twoFactor.disable({ password: PASSWORD })).toEqual({ ok: true });
    expect(JSON.parse((await auditOf(db, "two_factor.disabled")).at(-1)!.after_json!)).toEqual({ proof: "password" });
  });

  it("recovery codes can be replaced (with a code or the password): the old ones stop working", async () => {
    const db = use();
    const agent = await withPassword(db, await makeAgent(db));
    const { recoveryCodes: old } = await enrol(db, agent);
    const { recoveryCodes } = await api(db, agent).twoFactor.replaceRecoveryCodes({ password: PASSWORD });
    expect(recoveryCodes).toHaveLength(10);
    expect(await signIn(db, agent, { code: old[0]! })).toEqual({ kind: "second-factor", reason: "invalid" });
    expect((await signIn(db, agent, { code: recoveryCodes[0]! })).kind).toBe("signed-in");
    expect(await auditOf(db, "two_factor.recovery_codes_replaced")).toHaveLength(1);
  });

  it("per-role requirement: a staff member without a second factor can do nothing but enrol, until enrolled", async () => {
    const db = use();
    const admin = await makeAdmin(db);
    const agent = await makeAgent(db);
    const customer = await makeCustomer(db);
    expect(await api(db, admin).twoFactor.policy()).toMatchObject({ requiredRoles: [], isDefault: true });
    await api(db, agent).inbox.list({});

    expect(await api(db, admin).twoFactor.setPolicy({ roles: ["agent", "lead"] })).toMatchObject({
      requiredRoles: ["agent", "lead"],
      isDefault: false,
    });
    const [event] = await auditOf(db, "two_factor.policy_changed");
    expect(event).toMatchObject({ actor_id: admin.id, entity_type: "two_factor_settings" });
    expect(JSON.parse(event!.before_json!)).toEqual({ requiredRoles: [], isDefault: true });
    expect(JSON.parse(event!.after_json!)).toEqual({ requiredRoles: ["agent", "lead"] });

    expect(await errorCode(api(db, agent).inbox.list({}))).toBe("FORBIDDEN");
    expect(await appCode(api(db, agent).inbox.list({}))).toBe("TWO_FACTOR_ENROLMENT_REQUIRED");
    expect(await appCode(api(db, agent).tickets.create({ subject: "Printer on fire", description: "It is on fire, please help" }))).toBe(
      "TWO_FACTOR_ENROLMENT_REQUIRED",
    );
    expect(await api(db, agent).twoFactor.status()).toMatchObject({ required: true, due: true, enabled: false });
    await api(db, agent).account.setLocale({ locale: "ru" });
    // Customers and admins are not in the list.
    await api(db, customer).tickets.mine({});
    await api(db, admin).admin.users({});

    const { secret } = await api(db, agent).twoFactor.begin();
    expect(await appCode(api(db, agent).inbox.list({})), "started is not enrolled").toBe("TWO_FACTOR_ENROLMENT_REQUIRED");
    await api(db, agent).twoFactor.confirm({ code: await codeAt(secret) });
    await api(db, agent).inbox.list({});
    expect(await api(db, agent).twoFactor.status()).toMatchObject({ required: true, due: false, enabled: true });
    clock.advance(30_000);

    // Turning it off makes them due again at once.
    await api(db, agent).twoFactor.disable({ code: await codeAt(secret) });
    expect(await appCode(api(db, agent).inbox.list({}))).toBe("TWO_FACTOR_ENROLMENT_REQUIRED");
    await api(db, admin).twoFactor.setPolicy({ roles: [] });
    await api(db, agent).inbox.list({});
  });

  it("admin reset: names the person's state in the audit trail; the user signs in with the password alone", async () => {
    const db = use();
    const admin = await makeAdmin(db);
    const agent = await withPassword(db, await makeAgent(db));
    await enrol(db, agent);
    expect(await api(db, admin).twoFactor.userStatus({ userId: agent.id })).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const versionBefore = Number(
      (await db.selectFrom("users").select("session_version").where("id", "=", agent.id).executeTakeFirstOrThrow()).session_version,
    );
    expect(await api(db, admin).twoFactor.reset({ userId: agent.id })).toEqual({ ok: true });
    expect(await api(db, admin).twoFactor.userStatus({ userId: agent.id })).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    const [event] = await auditOf(db, "two_factor.reset_by_admin");
    expect(event).toMatchObject({ actor_id: admin.id, actor_role: "admin", entity_type: "user", entity_id: String(agent.id) });
    expect(JSON.parse(event!.before_json!)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(JSON.parse(event!.after_json!)).toEqual({ enabled: false, passkeys: 0 });
    const revoked = (await auditOf(db, "user.sessions_revoked")).filter((e) => e.entity_id === String(agent.id));
    expect(revoked.map((e) => JSON.parse(e.after_json!).reason)).toEqual(["two_factor_reset"]);
    const user = await db.selectFrom("users").select("session_version").where("id", "=", agent.id).executeTakeFirstOrThrow();
    expect(Number(user.session_version), "every session of theirs ends").toBe(versionBefore + 1);
    expect((await signIn(db, agent)).kind).toBe("signed-in");

    expect(await appCode(api(db, admin).twoFactor.reset({ userId: agent.id })), "nothing to reset").toBe("TWO_FACTOR_NOT_ENABLED");
    expect(await errorCode(api(db, admin).twoFactor.reset({ userId: 987654 }))).toBe("NOT_FOUND");
    expect(await errorCode(api(db, admin).twoFactor.userStatus({ userId: 987654 }))).toBe("NOT_FOUND");
    expect(await errorCode(api(db, admin).twoFactor.reset({ userId: admin.id })), "their own goes through the account page").toBe(
      "CONFLICT",
    );
  });

  it("outsiders: not signed in is UNAUTHORIZED; without user.manage the admin procedures are NOT_FOUND and change nothing", async () => {
    const db = use();
    const agent = await makeAgent(db);
    await enrol(db, agent);
    const settings = await db.selectFrom("two_factor_settings").selectAll().execute();
    const rows = async () => ({
      tf: await db.selectFrom("user_two_factor").selectAll().where("user_id", "=", agent.id).execute(),
      codes: await db.selectFrom("user_recovery_codes").selectAll().where("user_id", "=", agent.id).execute(),
    });
    const before = await rows();
    const anonymous = api(db, null);
    expect(await errorCode(anonymous.twoFactor.status())).toBe("UNAUTHORIZED");
    expect(await errorCode(anonymous.twoFactor.begin())).toBe("UNAUTHORIZED");
    expect(await errorCode(anonymous.twoFactor.confirm({ code: "123456" }))).toBe("UNAUTHORIZED");
    expect(await errorCode(anonymous.twoFactor.disable({ password: PASSWORD }))).toBe("UNAUTHORIZED");
    expect(await errorCode(anonymous.twoFactor.reset({ userId: agent.id }))).toBe("UNAUTHORIZED");
    for (const outsider of [await makeCustomer(db), await makeLead(db), await makeAgent(db)]) {
      expect(await errorCode(api(db, outsider).twoFactor.reset({ userId: agent.id }))).toBe("NOT_FOUND");
      expect(await errorCode(api(db, outsider).twoFactor.userStatus({ userId: agent.id }))).toBe("NOT_FOUND");
      expect(await errorCode(api(db, outsider).twoFactor.setPolicy({ roles: ["customer"] }))).toBe("NOT_FOUND");
      expect(await errorCode(api(db, outsider).twoFactor.policy())).toBe("NOT_FOUND");
      // Their own procedures touch only their own row.
      expect(await appCode(api(db, outsider).twoFactor.disable({ password: PASSWORD }))).toBe("TWO_FACTOR_NOT_ENABLED");
    }
    expect(await rows()).toEqual(before);
    expect(await db.selectFrom("two_factor_settings").selectAll().execute()).toEqual(settings);
    expect(await auditOf(db, "two_factor.reset_by_admin")).toHaveLength(1); // the earlier test's
  });
});
