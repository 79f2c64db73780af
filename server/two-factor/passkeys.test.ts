import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { errorCode, makeAdmin, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import { createSoftAuthenticator } from "@/tests/webauthn-authenticator";
import type { DB } from "../db";
import type { Actor } from "../context";
import { getAuthSecret } from "../env";
import { createCaller } from "../trpc/root";
import { manualClock } from "../clock";
import { hashPassword } from "../auth/password";
import { signInWithThrottle } from "../auth/sign-in";
import { createMemoryRateLimits, type RateLimits } from "../shared-state/rate-limits";
import { relyingPartyFor } from "./passkeys";
import { signInWithPasskey } from "./passkey-sign-in";

const APP = "http://mayak.test";
const RP = relyingPartyFor(APP);
const PASSWORD = "correct horse battery";
const clock = manualClock(Date.UTC(2026, 11, 3, 12, 0, 0));
let limits: RateLimits;
let ips = 0;

const api = (db: DB, actor: Actor | null) =>
  createCaller({ db, actor, ip: "127.0.0.1", userAgent: "vitest", now: clock.now, appUrl: APP, locale: "en", rateLimits: limits });

async function withPassword(db: DB, actor: Actor): Promise<Actor> {
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(PASSWORD) })
    .where("id", "=", actor.id)
    .execute();
  return actor;
}

async function appCode(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
  } catch (err) {
    return ((err as { cause?: { code?: string } }).cause?.code as string | undefined) ?? null;
  }
  throw new Error("expected the call to fail");
}

/** Registers a passkey for the actor as the browser would, with their password as the proof. */
async function addPasskey(db: DB, actor: Actor, name = "Laptop") {
  const device = createSoftAuthenticator();
  const options = await api(db, actor).twoFactor.passkeyRegistration({ password: PASSWORD });
  const added = await api(db, actor).twoFactor.addPasskey({ name, response: device.register(options, RP.origin) });
  return { device, added };
}

/** An assertion for a fresh sign-in challenge, as startAuthentication would return it (JSON for the form field). */
async function assertion(
  db: DB,
  device: ReturnType<typeof createSoftAuthenticator>,
  opts: { origin?: string; rpId?: string; userVerified?: boolean } = {},
) {
  const { challenge } = await api(db, null).twoFactor.passkeySignInOptions();
  return JSON.stringify(device.authenticate(challenge, opts.origin ?? RP.origin, opts.rpId ?? RP.id, { userVerified: opts.userVerified }));
}

const signIn = (db: DB, actor: Actor, extra: { passkey?: string; code?: string } = {}) =>
  signInWithThrottle(
    { db, limits, authSecret: getAuthSecret(), now: clock.now, relyingParty: RP },
    { email: actor.email, password: PASSWORD, ...extra, ip: `203.0.113.${++ips % 250}`, userAgent: "vitest" },
  );

const passwordless = (db: DB, passkey: string) =>
  signInWithPasskey({ db, limits, now: clock.now, relyingParty: RP }, { passkey, ip: `198.18.0.${++ips % 250}`, userAgent: "vitest" });

const auditOf = (db: DB, action: string) => db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("id").execute();

describeEachDialect("passkeys", (use) => {
  beforeAll(() => {
    limits = createMemoryRateLimits(clock.now);
  });

  it("registration: needs the password first, stores the public key, refuses a replay, another origin and a second copy", async () => {
    const db = use();
    const agent = await withPassword(db, await makeAgent(db));
    expect(await appCode(api(db, agent).twoFactor.passkeyRegistration({ password: "wrong password!" }))).toBe("TWO_FACTOR_INVALID");

    const device = createSoftAuthenticator();
    const options = await api(db, agent).twoFactor.passkeyRegistration({ password: PASSWORD });
    expect(options.rp).toEqual({ id: "mayak.test", name: "Mayak" });
    const phished = device.register(options, "https://mayak.test.evil.example");
    expect(await appCode(api(db, agent).twoFactor.addPasskey({ name: "Evil", response: phished }))).toBe("TWO_FACTOR_INVALID");
    // The challenge was used up by that attempt: the right answer to it fails too.
    expect(await appCode(api(db, agent).twoFactor.addPasskey({ name: "Late", response: device.register(options, RP.origin) }))).toBe(
      "TWO_FACTOR_INVALID",
    );

    const fresh = await api(db, agent).twoFactor.passkeyRegistration({ password: PASSWORD });
    const response = device.register(fresh, RP.origin);
    const added = await api(db, agent).twoFactor.addPasskey({ name: "Work laptop", response });
    expect(added).toMatchObject({ name: "Work laptop", lastUsedAt: null });
    expect(await appCode(api(db, agent).twoFactor.addPasskey({ name: "Again", response })), "a challenge works once").toBe(
      "TWO_FACTOR_INVALID",
    );
    const again = await api(db, agent).twoFactor.passkeyRegistration({ password: PASSWORD });
    expect(again.excludeCredentials?.map((c) => c.id)).toEqual([response.id]);
    const row = await db.selectFrom("user_passkeys").selectAll().where("user_id", "=", agent.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ credential_id: response.id, name: "Work laptop", transports: "internal" });
    expect((await api(db, agent).twoFactor.status()).passkeys).toHaveLength(1);
    const [event] = await auditOf(db, "two_factor.passkey_added");
    expect(event).toMatchObject({ actor_id: agent.id, entity_id: String(agent.id) });
    expect(JSON.parse(event!.after_json!)).toEqual({ passkey: added.id, name: "Work laptop" });
  });

  it("as the second factor: asked for after the password, accepted once, only from this site, only the account's own", async () => {
    const db = use();
    const customer = await withPassword(db, await makeCustomer(db));
    const other = await withPassword(db, await makeCustomer(db));
    const { device } = await addPasskey(db, customer);
    const { device: othersDevice } = await addPasskey(db, other);

    expect(await signIn(db, customer), "a passkey is a second factor").toEqual({ kind: "second-factor", reason: "required" });
    const good = await assertion(db, device);
    expect(await signIn(db, customer, { passkey: good })).toMatchObject({ kind: "signed-in", actor: { id: customer.id } });
    expect(JSON.parse((await auditOf(db, "auth.signed_in")).at(-1)!.after_json!)).toEqual({ secondFactor: "passkey" });
    expect(await signIn(db, customer, { passkey: good }), "replayed").toEqual({ kind: "second-factor", reason: "invalid" });
    expect(await signIn(db, customer, { passkey: await assertion(db, device, { origin: "https://evil.example" }) })).toEqual({
      kind: "second-factor",
      reason: "invalid",
    });
    expect(await signIn(db, customer, { passkey: await assertion(db, device, { rpId: "evil.example" }) })).toEqual({
      kind: "second-factor",
      reason: "invalid",
    });
    expect(await signIn(db, customer, { passkey: await assertion(db, othersDevice) }), "someone else's passkey").toEqual({
      kind: "second-factor",
      reason: "invalid",
    });
    expect(await signIn(db, customer, { passkey: "not json" })).toEqual({ kind: "second-factor", reason: "invalid" });
    clock.advance(16 * 60_000); // past the code back-off those failures built
    expect((await signIn(db, customer, { passkey: await assertion(db, device) })).kind).toBe("signed-in");
    expect((await api(db, customer).twoFactor.status()).passkeys[0]!.lastUsedAt).toBe(clock.now());
  });

  it("passwordless: staff sign in with a verified passkey alone; customers, unverified and disabled do not", async () => {
    const db = use();
    const lead = await withPassword(db, await makeLead(db));
    const customer = await withPassword(db, await makeCustomer(db));
    const { device } = await addPasskey(db, lead);
    const { device: customersDevice } = await addPasskey(db, customer);

    const ok = await passwordless(db, await assertion(db, device));
    expect(ok).toMatchObject({ kind: "signed-in", actor: { id: lead.id, role: "lead" } });
    expect(JSON.parse((await auditOf(db, "auth.signed_in")).at(-1)!.after_json!)).toEqual({ method: "passkey" });

    expect(await passwordless(db, await assertion(db, device, { userVerified: false })), "no PIN or biometrics").toEqual({
      kind: "failed",
    });
    expect(await passwordless(db, await assertion(db, customersDevice)), "customers use the password").toEqual({ kind: "failed" });
    expect(await passwordless(db, "{}")).toEqual({ kind: "failed" });
    const reasons = (await auditOf(db, "auth.sign_in_failed")).slice(-3).map((e) => JSON.parse(e.after_json!).reason);
    expect(reasons).toEqual(["passkey_invalid", "passkey_customer", "passkey_invalid"]);

    await db.updateTable("users").set({ disabled: 1 }).where("id", "=", lead.id).execute();
    expect(await passwordless(db, await assertion(db, device))).toEqual({ kind: "failed" });
  });

  it("a passkey satisfies the per-role requirement; removing it needs the password and makes the person due again", async () => {
    const db = use();
    const admin = await makeAdmin(db);
    const agent = await withPassword(db, await makeAgent(db));
    await api(db, admin).twoFactor.setPolicy({ roles: ["agent"] });
    expect(await appCode(api(db, agent).inbox.list({}))).toBe("TWO_FACTOR_ENROLMENT_REQUIRED");
    const { added } = await addPasskey(db, agent);
    await api(db, agent).inbox.list({});
    expect(await api(db, agent).twoFactor.status()).toMatchObject({ required: true, due: false, enabled: false });

    const stranger = await withPassword(db, await makeAgent(db));
    expect(await errorCode(api(db, stranger).twoFactor.removePasskey({ id: added.id, password: PASSWORD })), "not theirs").toBe(
      "NOT_FOUND",
    );
    expect(await appCode(api(db, agent).twoFactor.removePasskey({ id: added.id, password: "wrong password!" }))).toBe("TWO_FACTOR_INVALID");
    expect(await api(db, agent).twoFactor.removePasskey({ id: added.id, password: PASSWORD })).toEqual({ ok: true });
    expect(JSON.parse((await auditOf(db, "two_factor.passkey_removed")).at(-1)!.before_json!)).toEqual({
      passkey: added.id,
      name: "Laptop",
    });
    expect(await appCode(api(db, agent).inbox.list({}))).toBe("TWO_FACTOR_ENROLMENT_REQUIRED");
    await api(db, admin).twoFactor.setPolicy({ roles: [] });
  });

  it("an admin's reset removes passkeys too; outsiders cannot reach anyone's", async () => {
    const db = use();
    const admin = await makeAdmin(db);
    const agent = await withPassword(db, await makeAgent(db));
    await addPasskey(db, agent);
    expect(await api(db, admin).twoFactor.userStatus({ userId: agent.id })).toMatchObject({ enabled: false, passkeys: 1 });
    expect(await errorCode(api(db, null).twoFactor.passkeyRegistration({ password: PASSWORD }))).toBe("UNAUTHORIZED");
    expect(await errorCode(api(db, null).twoFactor.removePasskey({ id: 1, password: PASSWORD }))).toBe("UNAUTHORIZED");
    await api(db, admin).twoFactor.reset({ userId: agent.id });
    expect(await db.selectFrom("user_passkeys").selectAll().where("user_id", "=", agent.id).execute()).toEqual([]);
    const [event] = (await auditOf(db, "two_factor.reset_by_admin")).slice(-1);
    expect(JSON.parse(event!.before_json!)).toMatchObject({ enabled: false, passkeys: 1 });
    expect((await signIn(db, agent)).kind).toBe("signed-in");
  });
});
