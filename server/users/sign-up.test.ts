import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAdmin } from "@/tests/factories";
import { apiWithLimits, lastEmailTo, linkTokenFromOutbox } from "@/tests/accounts";
import { manualClock } from "../clock";
import type { DB } from "../db";
import { sweepAccountLinks } from "./jobs";
import { authenticate } from "./authenticate";
import { SIGN_UP_TTL_MS } from "./sign-up";

const PASSWORD = "seagull orbit keeps turning";

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string; field?: string } };
    return { code: e.code, appCode: e.cause?.code, field: e.cause?.field };
  }
  throw new Error("expected the call to fail");
}

const userCount = async (db: DB, email: string) => (await db.selectFrom("users").select("id").where("email", "=", email).execute()).length;

describeEachDialect("sign-up confirmed by email", (use) => {
  const clock = manualClock(Date.UTC(2026, 11, 3, 9, 0, 0));
  const api = (db: DB) => apiWithLimits(db, null, { now: clock.now });

  it("the request keeps only hashes; the account exists after the link and signs in", async () => {
    const db = use();
    await api(db).account.signUp({ email: "ivan@example.test", password: PASSWORD, name: "Иван Петров", locale: "ru" });
    const mail = (await lastEmailTo(db, "ivan@example.test"))!;
    expect(mail.subject).toBe("Подтвердите почту, чтобы завершить регистрацию в Маяке");
    expect(mail.body_text).toContain("http://mayak.test/ru/signup/confirm?token=");
    const token = await linkTokenFromOutbox(db, "ivan@example.test", "/signup/confirm");
    const pending = await db.selectFrom("sign_up_requests").selectAll().where("email", "=", "ivan@example.test").executeTakeFirstOrThrow();
    expect(pending.password_hash).toMatch(/^\$argon2id\$/);
    expect(pending.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(pending)).not.toContain(token);
    expect(JSON.stringify(pending)).not.toContain(PASSWORD);

    await api(db).account.confirmSignUp({ token });
    const user = await db.selectFrom("users").selectAll().where("email", "=", "ivan@example.test").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: "customer", name: "Иван Петров", locale: "ru", disabled: 0 });
    expect(await db.selectFrom("sign_up_requests").select("id").where("email", "=", "ivan@example.test").execute()).toEqual([]);
    await expect(
      authenticate(
        db,
        { actor: null, ip: "192.0.2.1", userAgent: "vitest", now: clock.now },
        { email: "ivan@example.test", password: PASSWORD },
      ),
    ).resolves.toMatchObject({
      id: user.id,
    });
  });

  it("an expired link creates nothing, and the sweep removes the request", async () => {
    const db = use();
    await api(db).account.signUp({ email: "late@example.test", password: PASSWORD, name: "Late Comer" });
    const token = await linkTokenFromOutbox(db, "late@example.test", "/signup/confirm");
    clock.advance(SIGN_UP_TTL_MS + 1);
    expect(await failure(api(db).account.confirmSignUp({ token }))).toEqual({
      code: "BAD_REQUEST",
      appCode: "SIGN_UP_LINK_INVALID",
      field: undefined,
    });
    expect(await userCount(db, "late@example.test")).toBe(0);
    await sweepAccountLinks(db, clock.now());
    expect(await db.selectFrom("sign_up_requests").select("id").where("email", "=", "late@example.test").execute()).toEqual([]);
  });

  it("signing up again replaces the earlier link, and a made-up link is refused", async () => {
    const db = use();
    await api(db).account.signUp({ email: "twice@example.test", password: PASSWORD, name: "Twice" });
    const first = await linkTokenFromOutbox(db, "twice@example.test", "/signup/confirm");
    await api(db).account.signUp({ email: "twice@example.test", password: "another seagull orbit", name: "Twice Again" });
    const second = await linkTokenFromOutbox(db, "twice@example.test", "/signup/confirm");
    expect(await failure(api(db).account.confirmSignUp({ token: first }))).toMatchObject({ appCode: "SIGN_UP_LINK_INVALID" });
    expect(await failure(api(db).account.confirmSignUp({ token: "q".repeat(43) }))).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "SIGN_UP_LINK_INVALID",
    });
    await api(db).account.confirmSignUp({ token: second });
    expect(await db.selectFrom("users").select("name").where("email", "=", "twice@example.test").executeTakeFirstOrThrow()).toEqual({
      name: "Twice Again",
    });
  });

  it("a link for an address that got an account meanwhile (an invitation) creates nothing", async () => {
    const db = use();
    await api(db).account.signUp({ email: "raced@example.test", password: PASSWORD, name: "Raced" });
    const token = await linkTokenFromOutbox(db, "raced@example.test", "/signup/confirm");
    await apiAs(db, await makeAdmin(db)).admin.invite({ email: "raced@example.test", name: "Raced Agent", role: "agent" });
    expect(await failure(api(db).account.confirmSignUp({ token }))).toMatchObject({ appCode: "SIGN_UP_LINK_INVALID" });
    expect(await db.selectFrom("users").select("role").where("email", "=", "raced@example.test").execute()).toEqual([{ role: "agent" }]);
  });

  it("the password policy applies, with the name and email as penalised words", async () => {
    const db = use();
    for (const password of ["qwerty123456", "Natalia Lebedeva 1988", "lebedeva.n-2024"]) {
      expect(await failure(api(db).account.signUp({ email: "lebedeva.n@example.test", password, name: "Natalia Lebedeva" }))).toEqual({
        code: "BAD_REQUEST",
        appCode: "WEAK_PASSWORD",
        field: "password",
      });
    }
    expect(await db.selectFrom("sign_up_requests").select("id").where("email", "=", "lebedeva.n@example.test").execute()).toEqual([]);
  });

  it("an invitation's password must pass the policy too, and a wrong invitation link is refused generically", async () => {
    const db = use();
    await apiAs(db, await makeAdmin(db)).admin.invite({ email: "invited.agent@example.test", name: "Invited Agent", role: "agent" });
    const mail = (await lastEmailTo(db, "invited.agent@example.test"))!;
    const token = /\/invite\/([\w-]+)/.exec(mail.body_text)![1];
    expect(await failure(api(db).account.acceptInvite({ token, password: "invitedagent1" }))).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "WEAK_PASSWORD",
    });
    expect(await failure(api(db).account.acceptInvite({ token: "w".repeat(32), password: PASSWORD }))).toEqual({
      code: "BAD_REQUEST",
      appCode: "INVITE_INVALID",
      field: undefined,
    });
    await api(db).account.acceptInvite({ token, password: PASSWORD });
  });
});
