import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeCustomer, makeLead } from "@/tests/factories";
import type { DB } from "../db";
import type { Actor } from "../context";
import { manualClock } from "../clock";
import { hashPassword } from "../auth/password";
import { EMAIL_CHANGE_TTL_MS } from "./email-change";

const PASSWORD = "a long and fine password";

/** A customer whose password is PASSWORD (the factories store a placeholder hash). */
async function customerWithPassword(db: DB): Promise<Actor> {
  const user = await makeCustomer(db);
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(PASSWORD) })
    .where("id", "=", user.id)
    .execute();
  return user;
}

async function mailTo(db: DB, to: string) {
  return db.selectFrom("outbox_emails").selectAll().where("to_address", "=", to).orderBy("id").execute();
}

function tokenIn(body: string): string {
  const m = /\/account\/confirm-email\?token=([\w-]+)/.exec(body);
  if (!m) throw new Error(`no confirmation link in: ${body}`);
  return m[1];
}

async function emailOf(db: DB, id: number): Promise<string> {
  return (await db.selectFrom("users").select("email").where("id", "=", id).executeTakeFirstOrThrow()).email;
}

describeEachDialect("account page", (use) => {
  let user: Actor;
  beforeAll(async () => {
    user = await customerWithPassword(use());
  });

  it("changes the name, audited with before and after", async () => {
    const db = use();
    await apiAs(db, user).profile.setName({ name: "  Anna Petrova " });
    expect((await apiAs(db, user).profile.get()).name).toBe("Anna Petrova");
    const e = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.name_changed")
      .where("entity_id", "=", String(user.id))
      .executeTakeFirstOrThrow();
    expect([JSON.parse(e.before_json!), JSON.parse(e.after_json!)]).toEqual([{ name: user.name }, { name: "Anna Petrova" }]);
    expect(await errorCode(apiAs(db, user).profile.setName({ name: "" }))).toBe("BAD_REQUEST");
    expect(await errorCode(apiAs(db, null).profile.setName({ name: "Nobody" }))).toBe("UNAUTHORIZED");
    expect(await errorCode(apiAs(db, null).profile.get())).toBe("UNAUTHORIZED");
  });

  it("an email change is confirmed by a link sent to the new address; the address changes when it is opened, once", async () => {
    const db = use();
    const newEmail = `anna.new-${user.id}@example.test`;
    const oldEmail = await emailOf(db, user.id);
    await apiAs(db, user).profile.requestEmailChange({ email: ` ${newEmail.toUpperCase()} `, password: PASSWORD });
    expect(await emailOf(db, user.id)).toBe(oldEmail);
    const [mail] = await mailTo(db, newEmail);
    const token = tokenIn(mail.body_text);
    // Only the token's hash is stored.
    const stored = await db.selectFrom("email_changes").selectAll().where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);
    expect((await apiAs(db, user).profile.get()).pendingEmail?.email).toBe(newEmail);

    // Opened in a browser that is not signed in.
    expect(await apiAs(db, null).profile.confirmEmailChange({ token })).toEqual({ email: newEmail });
    expect(await emailOf(db, user.id)).toBe(newEmail);
    const e = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.email_changed")
      .where("entity_id", "=", String(user.id))
      .executeTakeFirstOrThrow();
    expect([JSON.parse(e.before_json!), JSON.parse(e.after_json!), e.actor_id]).toEqual([
      { email: oldEmail },
      { email: newEmail },
      user.id,
    ]);
    const [notice] = await mailTo(db, oldEmail);
    expect(notice.body_text).toContain(newEmail);

    // Single use.
    expect(await errorCode(apiAs(db, null).profile.confirmEmailChange({ token }))).toBe("BAD_REQUEST");
    expect(await db.selectFrom("email_changes").selectAll().where("user_id", "=", user.id).execute()).toEqual([]);
  });

  it("a link expires after a day, and a newer request replaces the older link", async () => {
    const db = use();
    const clock = manualClock(Date.now());
    const me = await customerWithPassword(db);
    const api = apiAs(db, me, clock.now);
    await api.profile.requestEmailChange({ email: `first-${me.id}@example.test`, password: PASSWORD });
    const first = tokenIn((await mailTo(db, `first-${me.id}@example.test`))[0].body_text);
    await api.profile.requestEmailChange({ email: `second-${me.id}@example.test`, password: PASSWORD });
    const second = tokenIn((await mailTo(db, `second-${me.id}@example.test`))[0].body_text);
    expect(await errorCode(apiAs(db, null, clock.now).profile.confirmEmailChange({ token: first }))).toBe("BAD_REQUEST");

    clock.advance(EMAIL_CHANGE_TTL_MS);
    const err = await apiAs(db, null, clock.now)
      .profile.confirmEmailChange({ token: second })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "BAD_REQUEST",
      message: "This confirmation link is invalid, has expired or has already been used. Ask for a new one on your account page.",
    });
    expect(await emailOf(db, me.id)).toBe(me.email);
  });

  it("asks for the password; a wrong one or the same address changes nothing and sends nothing", async () => {
    const db = use();
    const me = await customerWithPassword(db);
    const outbox = await countRows(db, "outbox_emails");
    const wrong = await apiAs(db, me)
      .profile.requestEmailChange({ email: `x-${me.id}@example.test`, password: "not my password" })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: "BAD_REQUEST", cause: { field: "password" } });
    const same = await apiAs(db, me)
      .profile.requestEmailChange({ email: me.email, password: PASSWORD })
      .catch((e: unknown) => e);
    expect(same).toMatchObject({ code: "BAD_REQUEST", cause: { field: "email" } });
    expect(await errorCode(apiAs(db, me).profile.requestEmailChange({ email: "not an address", password: PASSWORD }))).toBe("BAD_REQUEST");
    expect(await errorCode(apiAs(db, null).profile.requestEmailChange({ email: `y-${me.id}@example.test`, password: PASSWORD }))).toBe(
      "UNAUTHORIZED",
    );
    expect(await countRows(db, "outbox_emails")).toBe(outbox);
    expect(await db.selectFrom("email_changes").selectAll().where("user_id", "=", me.id).execute()).toEqual([]);
  });

  it("an address that has an account gets a notice, not a link, and the form answers the same", async () => {
    const db = use();
    const me = await customerWithPassword(db);
    const lead = await makeLead(db);
    await expect(apiAs(db, me).profile.requestEmailChange({ email: lead.email, password: PASSWORD })).resolves.toBeUndefined();
    const [notice] = await mailTo(db, lead.email);
    expect(notice.body_text).not.toMatch(/token=/);
    expect(await db.selectFrom("email_changes").selectAll().where("user_id", "=", me.id).execute()).toEqual([]);
  });

  it("an address taken between the request and the link is refused when the link is opened", async () => {
    const db = use();
    const me = await customerWithPassword(db);
    const wanted = `wanted-${me.id}@example.test`;
    await apiAs(db, me).profile.requestEmailChange({ email: wanted, password: PASSWORD });
    const token = tokenIn((await mailTo(db, wanted))[0].body_text);
    await db
      .updateTable("users")
      .set({ email: wanted })
      .where("id", "=", (await makeCustomer(db)).id)
      .execute();
    expect(await errorCode(apiAs(db, null).profile.confirmEmailChange({ token }))).toBe("CONFLICT");
    expect(await emailOf(db, me.id)).toBe(me.email);
  });

  it("shows on-duty only to staff who acknowledge alerts", async () => {
    const db = use();
    const lead = await makeLead(db);
    expect((await apiAs(db, lead).profile.get()).onDuty).toBe(false);
    await apiAs(db, lead).monitors.setOnDuty({ userId: lead.id, onDuty: true });
    expect((await apiAs(db, lead).profile.get()).onDuty).toBe(true);
    expect((await apiAs(db, user).profile.get()).onDuty).toBeNull();
  });
});
