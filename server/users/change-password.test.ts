import { beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { makeAgent } from "@/tests/factories";
import { apiWithLimits } from "@/tests/accounts";
import type { Actor } from "../context";
import type { DB } from "../db";
import { hashPassword } from "../auth/password";
import { createMemoryRateLimits } from "../shared-state/rate-limits";
import { authenticate } from "./authenticate";
import { startSession } from "../sessions/start-session";
import { createCaller } from "../trpc/root";

const POLICY = { idleMs: 7 * 86_400_000, maxAgeMs: 30 * 86_400_000 };

const CURRENT = "current lighthouse password";
const NEW = "fresh harbour lantern 77";

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string; field?: string; message?: string } };
    return { code: e.code, appCode: e.cause?.code, field: e.cause?.field, message: e.cause?.message };
  }
  throw new Error("expected the call to fail");
}

describeEachDialect("changing one's password", (use) => {
  let me: Actor;
  const signsIn = (db: DB, password: string) =>
    authenticate(db, { actor: null, ip: "192.0.2.1", userAgent: "vitest", now: Date.now }, { email: me.email, password }).then(
      () => true,
      () => false,
    );
  const passwordHash = async (db: DB) =>
    (await db.selectFrom("users").select("password_hash").where("id", "=", me.id).executeTakeFirstOrThrow()).password_hash;

  beforeEach(async () => {
    const db = use();
    me = await makeAgent(db);
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword(CURRENT) })
      .where("id", "=", me.id)
      .execute();
  });

  it("asks for the current password: a wrong one changes nothing and is audited", async () => {
    const db = use();
    const before = await passwordHash(db);
    expect(await failure(apiWithLimits(db, me).account.changePassword({ currentPassword: "not my password", newPassword: NEW }))).toEqual({
      code: "BAD_REQUEST",
      appCode: "WRONG_PASSWORD",
      field: "currentPassword",
      message: "Your current password is not correct",
    });
    expect(await passwordHash(db)).toBe(before);
    const event = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.password_change_failed")
      .where("entity_id", "=", String(me.id))
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(me.id);
  });

  it("with the current password, changes it and audits the change", async () => {
    const db = use();
    expect(await apiWithLimits(db, me).account.changePassword({ currentPassword: CURRENT, newPassword: NEW })).toBeUndefined();
    expect(await signsIn(db, NEW)).toBe(true);
    expect(await signsIn(db, CURRENT)).toBe(false);
    const event = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.password_changed")
      .where("entity_id", "=", String(me.id))
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_id: me.id, actor_role: "agent" });
  });

  it("ends every other session of the account and keeps the one that made the change", async () => {
    const db = use();
    const open = (ua: string) => startSession(db, { userId: me.id, ip: "192.0.2.5", userAgent: ua, now: Date.now() }, POLICY);
    const [here, laptop, phone] = [await open("here"), await open("laptop"), await open("phone")];
    const api = createCaller({
      db,
      actor: me,
      sessionId: here,
      ip: "192.0.2.5",
      userAgent: "here",
      now: Date.now,
      appUrl: "http://mayak.test",
      locale: "en",
      rateLimits: createMemoryRateLimits(),
    });
    await api.account.changePassword({ currentPassword: CURRENT, newPassword: NEW });
    const rows = await db.selectFrom("user_sessions").select(["id", "revoked_at"]).where("user_id", "=", me.id).execute();
    const revoked = Object.fromEntries(rows.map((r) => [r.id, r.revoked_at !== null]));
    expect(revoked).toEqual({ [here]: false, [laptop]: true, [phone]: true });
    const event = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.sessions_revoked")
      .where("entity_id", "=", String(me.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toEqual({ reason: "password_changed", sessions: 2 });
  });

  it("the new password must pass the policy and differ from the current one", async () => {
    const db = use();
    const api = apiWithLimits(db, me);
    expect(await failure(api.account.changePassword({ currentPassword: CURRENT, newPassword: "qwertyuiop" }))).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "WEAK_PASSWORD",
      field: "newPassword",
    });
    expect(
      await failure(api.account.changePassword({ currentPassword: CURRENT, newPassword: `${me.email.split("@")[0]}-2026` })),
    ).toMatchObject({
      appCode: "WEAK_PASSWORD",
      message: "Do not make the password from your name, your email address or the name of this site",
    });
    expect(await failure(api.account.changePassword({ currentPassword: CURRENT, newPassword: CURRENT }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "newPassword",
    });
    expect(await failure(api.account.changePassword({ currentPassword: CURRENT, newPassword: "short" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await signsIn(db, CURRENT)).toBe(true);
  });

  it("outsider: without a session it is UNAUTHORIZED and writes nothing", async () => {
    const db = use();
    const before = await passwordHash(db);
    expect(await failure(apiWithLimits(db, null).account.changePassword({ currentPassword: CURRENT, newPassword: NEW }))).toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await passwordHash(db)).toBe(before);
  });

  it("is limited per account, so an open session cannot be used to guess the current password", async () => {
    const db = use();
    const limits = createMemoryRateLimits();
    for (let i = 0; i < 10; i++) {
      expect(
        await failure(
          apiWithLimits(db, me, { limits, ip: `192.0.2.${i}` }).account.changePassword({
            currentPassword: `guess number ${i}`,
            newPassword: NEW,
          }),
        ),
      ).toMatchObject({
        appCode: "WRONG_PASSWORD",
      });
    }
    expect(
      await failure(
        apiWithLimits(db, me, { limits, ip: "192.0.2.99" }).account.changePassword({ currentPassword: CURRENT, newPassword: NEW }),
      ),
    ).toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await signsIn(db, CURRENT)).toBe(true);
  });
});

describeEachDialect("the password hint (account.checkPassword)", (use) => {
  it("answers the policy's verdict in the page's language, with the account's own name and email when signed in", async () => {
    const db = use();
    const anon = apiWithLimits(db, null, { locale: "ru" });
    expect(await anon.account.checkPassword({ password: "password12" })).toEqual({
      ok: false,
      score: expect.any(Number),
      problems: ["Этот пароль слишком легко угадать", "Это распространённый пароль.", "Добавьте ещё одно-два не самых частых слова."],
    });
    expect(await anon.account.checkPassword({ password: "Dana Whitfield 1990", name: "Dana Whitfield" })).toMatchObject({ ok: false });
    expect(await anon.account.checkPassword({ password: "Dana Whitfield 1990" })).toMatchObject({ ok: true });
    const agent = await makeAgent(db);
    const local = agent.email.split("@")[0];
    expect(await apiWithLimits(db, agent).account.checkPassword({ password: `${local}!!2026`, name: "Somebody Else" })).toMatchObject({
      ok: false,
    });
    expect(await apiWithLimits(db, agent).account.checkPassword({ password: "quiet harbour lantern 42" })).toEqual({
      ok: true,
      score: 4,
      problems: [],
    });
  });

  it("is rate limited per client address", async () => {
    const db = use();
    const limits = createMemoryRateLimits();
    const api = apiWithLimits(db, null, { limits });
    for (let i = 0; i < 60; i++) await api.account.checkPassword({ password: "quiet harbour lantern 42" });
    expect(await failure(api.account.checkPassword({ password: "quiet harbour lantern 42" }))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});
