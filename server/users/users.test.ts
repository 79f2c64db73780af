import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAdmin, makeAgent } from "@/tests/factories";
import type { Actor } from "../context";
import { authenticate } from "./authenticate";
import { getActorById } from "./get-actor";
import { apiWithLimits, lastEmailTo, linkTokenFromOutbox } from "@/tests/accounts";

const ctx = { actor: null, ip: "198.51.100.7", userAgent: "vitest", now: Date.now };

describeEachDialect("accounts", (use) => {
  let admin: Actor;
  beforeAll(async () => {
    admin = await makeAdmin(use());
  });

  it("a customer signs up, confirms the address through the emailed link, signs in, and each step is audited", async () => {
    const db = use();
    await apiWithLimits(db, null).account.signUp({ email: "  Dana@Example.TEST ", password: "correct horse battery", name: "Dana" });
    // No account until the link is followed.
    expect(await db.selectFrom("users").select("id").where("email", "=", "dana@example.test").executeTakeFirst()).toBeUndefined();
    await expect(authenticate(db, ctx, { email: "dana@example.test", password: "correct horse battery" })).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    const token = await linkTokenFromOutbox(db, "dana@example.test", "/signup/confirm");
    expect(await apiAs(db, null).account.confirmSignUp({ token })).toEqual({ email: "dana@example.test" });
    const actor = await authenticate(db, ctx, { email: "dana@example.test", password: "correct horse battery" });
    expect(actor).toMatchObject({ role: "customer", email: "dana@example.test", name: "Dana" });
    const actions = (await db.selectFrom("audit_events").select("action").where("entity_id", "=", String(actor.id)).execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(["user.signed_up", "auth.signed_in"]);
    const requested = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.sign_up_requested")
      .where("entity_id", "=", "dana@example.test")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(requested.after_json!)).toEqual({ email: "dana@example.test", existingAccount: false });
    // The link works once.
    expect(await errorCode(apiAs(db, null).account.confirmSignUp({ token }))).toBe("BAD_REQUEST");
  });

  it("a taken email, whatever its case, answers as a new one and mails the owner instead of creating anything", async () => {
    const db = use();
    const users = await countRows(db, "users");
    expect(
      await apiWithLimits(db, null).account.signUp({ email: "DANA@example.test", password: "another long password", name: "Dana 2" }),
    ).toBeUndefined();
    expect(await countRows(db, "users")).toBe(users);
    expect((await lastEmailTo(db, "dana@example.test"))?.subject).toBe("Someone tried to sign up with your email address");
  });

  it("a wrong password fails, is audited, and does not say whether the email exists", async () => {
    const db = use();
    const before = await countRows(db, "audit_events");
    const a = await authenticate(db, ctx, { email: "dana@example.test", password: "wrong password!!" }).catch((e) => e.message);
    const b = await authenticate(db, ctx, { email: "nobody@example.test", password: "wrong password!!" }).catch((e) => e.message);
    expect(a).toBe(b);
    const failed = await db.selectFrom("audit_events").selectAll().where("action", "=", "auth.sign_in_failed").orderBy("id").execute();
    expect(failed.slice(-2).map((e) => JSON.parse(e.after_json!).reason)).toEqual(["wrong_password", "unknown_email"]);
    expect(await countRows(db, "audit_events")).toBe(before + 2);
  });

  it("an admin invites an agent, who sets a password through the emailed link", async () => {
    const db = use();
    await apiAs(db, admin).admin.invite({ email: "new.agent@example.test", name: "New Agent", role: "agent" });
    const mail = await db
      .selectFrom("outbox_emails")
      .selectAll()
      .where("to_address", "=", "new.agent@example.test")
      .executeTakeFirstOrThrow();
    const token = /\/invite\/([\w-]+)/.exec(mail.body_text)![1];
    const user = await db.selectFrom("users").selectAll().where("email", "=", "new.agent@example.test").executeTakeFirstOrThrow();
    expect(await getActorById(db, user.id)).toBeNull();
    await apiAs(db, null).account.acceptInvite({ token, password: "a fine long password" });
    expect(await authenticate(db, ctx, { email: "new.agent@example.test", password: "a fine long password" })).toMatchObject({
      role: "agent",
    });
    expect(await errorCode(apiAs(db, null).account.acceptInvite({ token, password: "a fine long password" }))).toBe("BAD_REQUEST");
  });

  it("role changes are audited with before and after; the last admin stays", async () => {
    const db = use();
    const agent = await makeAgent(db);
    await apiAs(db, admin).admin.setRole({ userId: agent.id, role: "lead" });
    const e = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.role_changed")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect([JSON.parse(e.before_json!), JSON.parse(e.after_json!)]).toEqual([{ role: "agent" }, { role: "lead" }]);
    expect(await errorCode(apiAs(db, admin).admin.setRole({ userId: admin.id, role: "agent" }))).toBe("CONFLICT");
  });

  it("a disabled user loses access at the next request and cannot sign in", async () => {
    const db = use();
    const agent = await makeAgent(db);
    expect(await getActorById(db, agent.id)).not.toBeNull();
    await apiAs(db, admin).admin.setDisabled({ userId: agent.id, disabled: true });
    expect(await getActorById(db, agent.id)).toBeNull();
    expect(await errorCode(apiAs(db, admin).admin.setDisabled({ userId: admin.id, disabled: true }))).toBe("FORBIDDEN");
  });

  it("rejects a malformed sign-up without writing anything", async () => {
    const db = use();
    const before = await countRows(db, "users");
    const err = await apiAs(db, null)
      .account.signUp({ email: "not-an-email", password: "short", name: "" })
      .catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.cause.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(["email", "name", "password"]);
    expect(await countRows(db, "users")).toBe(before);
  });
});
