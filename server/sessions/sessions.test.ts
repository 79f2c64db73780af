import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAdmin, makeAgent, makeCustomer } from "@/tests/factories";
import type { DB } from "../db";
import type { Actor } from "../context";
import { manualClock } from "../clock";
import { transact } from "../db/transact";
import { hashPassword } from "../auth/password";
import { createCaller } from "../trpc/root";
import { sessionCookieName, sessionFromCookies, sessionTokenFrom } from "../auth/session-token";
import { startSession } from "./start-session";
import { endSession, revokeUserSessions } from "./revoke-sessions";
import { sessionLabel } from "./user-agent";
import type { SessionPolicy } from "./policy";

const SECRET = "sessions-test-secret-sessions-test-secret";
const POLICY: SessionPolicy = { idleMs: 7 * 86_400_000, maxAgeMs: 30 * 86_400_000 };
const MINUTE = 60_000;
const DAY = 86_400_000;
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

interface Browser {
  sid: string;
  cookie: { name: string; value: string };
}

/** Signs `user` in as next-auth does: a session row, and the encrypted token in the session cookie. */
async function signIn(db: DB, user: Actor, now: number, claims: Record<string, unknown> = {}): Promise<Browser> {
  const sid = await startSession(db, { userId: user.id, ip: "198.51.100.1", userAgent: FIREFOX, now }, POLICY);
  const value = await encode({ token: { uid: user.id, role: user.role, sid, ...claims }, secret: SECRET, maxAge: POLICY.maxAgeMs / 1000 });
  return { sid, cookie: { name: sessionCookieName(false), value } };
}

/** The next request of that browser, through the same path as every page and API call (cookie -> token -> session -> actor). */
function request(db: DB, browser: Browser, now: number) {
  return sessionFromCookies(db, [{ name: "mayak-vid", value: "visitor-123" }, browser.cookie], {
    secret: SECRET,
    secure: false,
    now,
    policy: POLICY,
  });
}

/** The API as that browser would call it: the actor and its session id in the context. */
function apiFor(db: DB, actor: Actor, sessionId: string, now: () => number = Date.now) {
  return createCaller({ db, actor, sessionId, ip: "127.0.0.1", userAgent: "vitest", now, appUrl: "http://mayak.test", locale: "en" });
}

describeEachDialect("sessions", (use) => {
  let admin: Actor;
  beforeAll(async () => {
    admin = await makeAdmin(use());
  });

  it("a signed-in browser is its user, and a revoked session is refused at its next request", async () => {
    const db = use();
    const anna = await makeCustomer(db);
    const now = Date.now();
    const laptop = await signIn(db, anna, now);
    const phone = await signIn(db, anna, now);
    const resumed = await request(db, laptop, now);
    expect(resumed).toEqual({ actor: anna, sessionId: laptop.sid, secondFactor: { requiredRoles: null, enrolled: false } });

    await apiFor(db, anna, laptop.sid).sessions.revoke({ id: phone.sid });
    expect(await request(db, phone, now + 1000)).toBeNull();
    expect((await request(db, laptop, now + 1000))?.actor.id).toBe(anna.id);
    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.session_revoked")
      .where("entity_id", "=", String(anna.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toEqual({ device: "Firefox · Linux", current: false });
  });

  it("lists the user's open sessions with this browser marked; ended ones are gone from the list", async () => {
    const db = use();
    const boris = await makeAgent(db);
    const now = Date.now();
    const a = await signIn(db, boris, now - 2 * MINUTE);
    const b = await signIn(db, boris, now - MINUTE);
    const c = await signIn(db, boris, now);
    await endSession(db, { actor: boris, ip: "x", userAgent: "x", now: () => now }, { uid: boris.id, sid: c.sid });
    const list = await apiFor(db, boris, a.sid).sessions.list();
    expect(list.map((s) => [s.id, s.current, s.label, s.ip])).toEqual([
      [b.sid, false, "Firefox · Linux", "198.51.100.1"],
      [a.sid, true, "Firefox · Linux", "198.51.100.1"],
    ]);
  });

  it("signing out ends that browser's session, audited once", async () => {
    const db = use();
    const user = await makeCustomer(db);
    const now = Date.now();
    const browser = await signIn(db, user, now);
    const ctx = { actor: user, ip: "198.51.100.1", userAgent: FIREFOX, now: () => now };
    await endSession(db, ctx, { uid: user.id, sid: browser.sid });
    await endSession(db, ctx, { uid: user.id, sid: browser.sid });
    expect(await request(db, browser, now)).toBeNull();
    const events = await db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "auth.signed_out")
      .where("entity_id", "=", String(user.id))
      .execute();
    expect(events).toHaveLength(1);
  });

  it("sign out everywhere ends every session of the user, this one included, and no one else's", async () => {
    const db = use();
    const user = await makeCustomer(db);
    const other = await makeCustomer(db);
    const now = Date.now();
    const here = await signIn(db, user, now);
    const there = await signIn(db, user, now);
    const elsewhere = await signIn(db, other, now);
    expect(await apiFor(db, user, here.sid).sessions.revokeAll()).toEqual({ sessions: 2 });
    expect(await request(db, here, now)).toBeNull();
    expect(await request(db, there, now)).toBeNull();
    expect((await request(db, elsewhere, now))?.actor.id).toBe(other.id);
    const e = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.sessions_revoked")
      .where("entity_id", "=", String(user.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(e.after_json!)).toEqual({ reason: "signed_out_everywhere", sessions: 2 });
    // A new sign-in afterwards works.
    expect((await request(db, await signIn(db, user, now), now))?.actor.id).toBe(user.id);
  });

  it("a role change ends every session of that user", async () => {
    const db = use();
    const agent = await makeAgent(db);
    const now = Date.now();
    const browser = await signIn(db, agent, now);
    await apiAs(db, admin).admin.setRole({ userId: agent.id, role: "lead" });
    expect(await request(db, browser, now)).toBeNull();
    const fresh = await signIn(db, { ...agent, role: "lead" }, now);
    expect((await request(db, fresh, now))?.actor.role).toBe("lead");
  });

  it("disabling a user ends their sessions; enabling them again does not bring the old ones back", async () => {
    const db = use();
    const agent = await makeAgent(db);
    const now = Date.now();
    const browser = await signIn(db, agent, now);
    await apiAs(db, admin).admin.setDisabled({ userId: agent.id, disabled: true });
    expect(await request(db, browser, now)).toBeNull();
    await apiAs(db, admin).admin.setDisabled({ userId: agent.id, disabled: false });
    expect(await request(db, browser, now)).toBeNull();
    const reasons = await db
      .selectFrom("audit_events")
      .select("after_json")
      .where("action", "=", "user.sessions_revoked")
      .where("entity_id", "=", String(agent.id))
      .execute();
    expect(reasons.map((r) => JSON.parse(r.after_json!).reason)).toEqual(["disabled"]);
  });

  it("a password change ends the other sessions and keeps the one that changed it", async () => {
    const db = use();
    const user = await makeCustomer(db);
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword("the old passphrase, long enough") })
      .where("id", "=", user.id)
      .execute();
    const now = Date.now();
    const here = await signIn(db, user, now);
    const there = await signIn(db, user, now);
    await apiFor(db, user, here.sid).account.changePassword({
      currentPassword: "the old passphrase, long enough",
      newPassword: "quartz lantern meadow 7 orbit",
    });
    expect(await request(db, there, now)).toBeNull();
    expect((await request(db, here, now))?.actor.id).toBe(user.id);
    const e = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.sessions_revoked")
      .where("entity_id", "=", String(user.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(e.after_json!)).toEqual({ reason: "password_changed", sessions: 1 });
    // The kept session is at the new version: a later revocation of every session still ends it.
    const ctx = { actor: user, sessionId: here.sid, ip: "198.51.100.1", userAgent: FIREFOX, now: () => now };
    expect(await transact(db, (trx) => revokeUserSessions(trx, ctx, user.id, "password_reset"))).toBe(1);
    expect(await request(db, here, now)).toBeNull();
  });

  it("ends after SESSION_IDLE_MINUTES without a request; activity is written at most once a minute", async () => {
    const db = use();
    const user = await makeCustomer(db);
    const clock = manualClock(Date.UTC(2026, 11, 1, 9));
    const browser = await signIn(db, user, clock.now());
    const lastSeen = async () =>
      Number(
        (await db.selectFrom("user_sessions").select("last_seen_at").where("id", "=", browser.sid).executeTakeFirstOrThrow()).last_seen_at,
      );

    clock.advance(30_000);
    expect(await request(db, browser, clock.now())).not.toBeNull();
    expect(await lastSeen()).toBe(clock.now() - 30_000); // under a minute: not written

    clock.advance(POLICY.idleMs - 31_000); // one second short of idle since sign-in
    expect(await request(db, browser, clock.now())).not.toBeNull();
    expect(await lastSeen()).toBe(clock.now()); // written now
    const seen = clock.now();

    clock.set(seen + POLICY.idleMs - 1);
    expect(await request(db, browser, clock.now())).not.toBeNull();
    clock.set(clock.now() + POLICY.idleMs);
    expect(await request(db, browser, clock.now())).toBeNull();
  });

  it("ends SESSION_MAX_DAYS after sign-in however active it is", async () => {
    const db = use();
    const user = await makeCustomer(db);
    const clock = manualClock(Date.UTC(2026, 11, 1, 9));
    const start = clock.now();
    const browser = await signIn(db, user, start);
    while (clock.now() + DAY < start + POLICY.maxAgeMs) {
      clock.advance(DAY);
      expect(await request(db, browser, clock.now())).not.toBeNull();
    }
    clock.set(start + POLICY.maxAgeMs);
    expect(await request(db, browser, clock.now())).toBeNull();
  });

  it("an outsider cannot end someone else's session: NOT_FOUND, and the session goes on", async () => {
    const db = use();
    const owner = await makeCustomer(db);
    const outsider = await makeCustomer(db);
    const now = Date.now();
    const browser = await signIn(db, owner, now);
    const theirs = await signIn(db, outsider, now);
    expect(await errorCode(apiFor(db, outsider, theirs.sid).sessions.revoke({ id: browser.sid }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, admin).sessions.revoke({ id: browser.sid }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).sessions.revoke({ id: browser.sid }))).toBe("UNAUTHORIZED");
    expect(await errorCode(apiAs(db, null).sessions.revokeAll())).toBe("UNAUTHORIZED");
    expect(await errorCode(apiAs(db, null).sessions.list())).toBe("UNAUTHORIZED");
    const row = await db.selectFrom("user_sessions").select("revoked_at").where("id", "=", browser.sid).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
    expect((await request(db, browser, now))?.actor.id).toBe(owner.id);
    // Someone else's list never shows it.
    expect((await apiFor(db, outsider, theirs.sid).sessions.list()).map((s) => s.id)).toEqual([theirs.sid]);
  });

  it("refuses tokens without a session id, with another user's session, or that do not decrypt", async () => {
    const db = use();
    const user = await makeCustomer(db);
    const other = await makeCustomer(db);
    const now = Date.now();
    const legacy = await encode({ token: { uid: user.id, role: user.role }, secret: SECRET });
    const browser = await signIn(db, user, now);
    const swapped = await encode({ token: { uid: other.id, sid: browser.sid }, secret: SECRET });
    const foreign = await encode({ token: { uid: user.id, sid: browser.sid }, secret: "another-secret-another-secret-another" });
    for (const value of [legacy, swapped, foreign, "not a token"]) {
      expect(await request(db, { sid: "", cookie: { name: sessionCookieName(false), value } }, now)).toBeNull();
    }
    // The cookie of the other scheme (Secure) is not this one's.
    expect(await sessionFromCookies(db, [browser.cookie], { secret: SECRET, secure: true, now, policy: POLICY })).toBeNull();
  });

  it("a disabled or erased account's session is refused even before it is revoked; one without a password (single sign-on) is not", async () => {
    const db = use();
    const now = Date.now();
    const disabled = await makeCustomer(db);
    const erased = await makeCustomer(db);
    const sso = await makeAgent(db);
    const browsers = [await signIn(db, disabled, now), await signIn(db, erased, now), await signIn(db, sso, now)];
    await db.updateTable("users").set({ disabled: 1 }).where("id", "=", disabled.id).execute();
    await db.updateTable("users").set({ erased_at: now }).where("id", "=", erased.id).execute();
    await db.updateTable("users").set({ password_hash: null }).where("id", "=", sso.id).execute();
    expect(await request(db, browsers[0], now)).toBeNull();
    expect(await request(db, browsers[1], now)).toBeNull();
    expect((await request(db, browsers[2], now))?.actor.id).toBe(sso.id);
  });

  describe("a token read once is kept, and still checked", () => {
    afterEach(() => vi.useRealTimers());

    it("refuses a kept token once its own expiry has passed", async () => {
      const db = use();
      const user = await makeCustomer(db);
      const start = Date.now();
      vi.useFakeTimers({ toFake: ["Date"], now: start });
      const sid = await startSession(db, { userId: user.id, ip: "198.51.100.1", userAgent: FIREFOX, now: start }, POLICY);
      const value = await encode({ token: { uid: user.id, sid }, secret: SECRET, maxAge: 60 });
      const browser = { sid, cookie: { name: sessionCookieName(false), value } };
      expect((await request(db, browser, start))?.actor.id).toBe(user.id);
      vi.setSystemTime(start + 2 * MINUTE);
      expect(await request(db, browser, start + 2 * MINUTE)).toBeNull();
    });

    it("does not accept a kept token under another secret", async () => {
      const db = use();
      const user = await makeCustomer(db);
      const now = Date.now();
      const browser = await signIn(db, user, now);
      expect((await request(db, browser, now))?.actor.id).toBe(user.id);
      const other = { secret: "another-secret-another-secret-another", secure: false, now, policy: POLICY };
      expect(await sessionFromCookies(db, [browser.cookie], other)).toBeNull();
    });
  });
});

describe("session cookie and label", () => {
  it("puts a token split into chunks together again, in order", () => {
    const name = sessionCookieName(true);
    expect(name).toBe("__Secure-next-auth.session-token");
    const cookies = [
      { name: `${name}.1`, value: "bb" },
      { name: "other", value: "x" },
      { name: `${name}.0`, value: "aa" },
      { name: `${name}.10`, value: "cc" },
    ];
    expect(sessionTokenFrom(cookies, true)).toBe("aabbcc");
    expect(sessionTokenFrom(cookies, false)).toBeNull();
    expect(sessionTokenFrom([{ name, value: "whole" }], true)).toBe("whole");
  });

  it.each([
    [FIREFOX, "Firefox · Linux"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0",
      "Edge · Windows",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari · iOS",
    ],
    ["Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36", "Chrome · Android"],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      "Safari · macOS",
    ],
    ["curl/8.5.0", "curl"],
    ["", ""],
  ])("labels %s as %s", (ua, label) => {
    expect(sessionLabel(ua)).toBe(label);
  });
});
