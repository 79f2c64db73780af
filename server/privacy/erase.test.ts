import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAdmin, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor, RequestCtx } from "../context";
import type { DB } from "../db";
import { transact } from "../db/transact";
import { createCaller } from "../trpc/root";
import { recordAudit } from "../audit/record-audit";
import { verifyAuditChain } from "../audit/verify-chain";
import { authenticate } from "../users/authenticate";
import { getActorById } from "../users/get-actor";
import { signUpAndConfirm } from "@/tests/accounts";
import { snapshot } from "./test-snapshot";

const ANNA = { email: "anna.petrova@example.com", name: "Anna Petrova", password: "correct horse battery" };
const ANNA_IP = "198.51.100.77";
const ANNA_UA = "AnnaBrowser/1.0";
const ANNA_NEW_EMAIL = "anna.p.new@example.org";

/** Anna's own calls come from her address and browser, to find them afterwards. */
function apiFrom(db: DB, actor: Actor | null) {
  return createCaller({ db, actor, ip: ANNA_IP, userAgent: ANNA_UA, now: Date.now, appUrl: "http://mayak.test", locale: "en" });
}

/** Every row of every table, as text: what "nothing about her is left anywhere" is checked against. */
async function everyRow(db: DB): Promise<{ table: string; text: string }[]> {
  const out: { table: string; text: string }[] = [];
  for (const t of await db.introspection.getTables()) {
    // The table list comes from the database itself: no typed table name to give Kysely here.
    const rows = await (db as unknown as DB)
      .selectFrom(t.name as "users")
      .selectAll()
      .execute();
    for (const r of rows) out.push({ table: t.name, text: JSON.stringify(r).toLowerCase() });
  }
  return out;
}

describeEachDialect("erasing a customer", (use) => {
  let anna: Actor, other: Actor, agent: Actor, lead: Actor, admin: Actor;
  let ticketId: number;

  beforeAll(async () => {
    const db = use();
    const anon: RequestCtx = { actor: null, ip: ANNA_IP, userAgent: ANNA_UA, now: Date.now };
    // A failed sign-in before the account existed: the event's entity is her address itself.
    await expect(authenticate(db, anon, { email: ANNA.email, password: "nope-nope-nope" })).rejects.toThrow();
    const { id } = await signUpAndConfirm(db, ANNA, { ip: ANNA_IP, userAgent: ANNA_UA });
    anna = { id, role: "customer", email: ANNA.email, name: ANNA.name, locale: "en" };
    await expect(authenticate(db, anon, { email: ANNA.email, password: "wrong password!" })).rejects.toThrow();
    await authenticate(db, anon, { email: ANNA.email, password: ANNA.password });
    [other, agent, lead, admin] = await Promise.all([makeCustomer(db), makeAgent(db), makeLead(db), makeAdmin(db)]);
    // A session, a pending change of address, a second factor and a passkey: all hers.
    const at = Date.now();
    await db
      .insertInto("user_sessions")
      .values({
        id: `s-${id}`,
        user_id: id,
        session_version: 0,
        created_at: at,
        last_seen_at: at,
        expires_at: at + 86_400_000,
        revoked_at: null,
        ip: ANNA_IP,
        user_agent: ANNA_UA,
        label: "AnnaBrowser on Linux",
      })
      .execute();
    await db
      .insertInto("email_changes")
      .values({ user_id: id, new_email: ANNA_NEW_EMAIL, token_hash: "e".repeat(64), created_at: at, expires_at: at + 86_400_000 })
      .execute();
    await db
      .insertInto("password_resets")
      .values({ user_id: id, token_hash: "r".repeat(64), created_at: at, expires_at: at + 1_800_000 })
      .execute();
    await db
      .insertInto("user_two_factor")
      .values({ user_id: id, secret_enc: "sealed", enabled_at: at, last_step: null, created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto("user_recovery_codes")
      .values({ user_id: id, salt: "s", code_hash: "c".repeat(64), used_at: null, created_at: at })
      .execute();
    await db
      .insertInto("user_passkeys")
      .values({
        user_id: id,
        credential_id: `cred-${id}`,
        public_key: "pk",
        transports: null,
        name: "Anna's phone",
        created_at: at,
        last_used_at: null,
      })
      .execute();

    const mine = apiFrom(db, anna);
    ticketId = (
      await mine.tickets.create({
        subject: "Anna Petrova cannot log in",
        description: "Hello, this is Anna Petrova (anna.petrova@example.com). The login page spins for ever.",
        steps: "Open the page as Anna",
        pageUrl: "https://shop.example.com/account?user=anna.petrova",
      })
    ).id;
    await mine.tickets.reply({ ticketId, body: "Any news? Anna" });
    await apiAs(db, agent).tickets.reply({ ticketId, body: "Hi Anna, we are on it." });
    await apiAs(db, agent).tickets.reply({ ticketId, kind: "note", body: "Anna Petrova called twice, she is on the Pro plan." });
    await apiAs(db, other).tickets.create({ subject: "Unrelated ticket", description: "Someone else's problem entirely." });
    // Her rating of the ticket, in her own words, and the agent's notification about her ticket, which quotes it.
    await db
      .insertInto("ticket_ratings")
      .values({ ticket_id: ticketId, requester_id: id, asked_at: at, rating: "bad", comment: "Anna Petrova waited two days", rated_at: at })
      .execute();
    await db
      .insertInto("notifications")
      .values({
        user_id: agent.id,
        kind: "bad_rating",
        ticket_id: ticketId,
        vars_json: '{"comment":"Anna Petrova waited two days"}',
        created_at: at,
      })
      .execute();
    // A status-page subscription with her address, audited as the subscription code does.
    await transact(db, async (trx) => {
      const now = Date.now();
      const res = await trx
        .insertInto("status_subscribers")
        .values({
          kind: "email",
          target: ANNA.email,
          locale: "en",
          components: null,
          secret: null,
          confirmed: 1,
          confirm_token_hash: null,
          unsubscribe_token_hash: "f".repeat(64),
          created_at: now,
          confirmed_at: now,
          webhook_state: null,
          webhook_error: null,
        })
        .executeTakeFirstOrThrow();
      await recordAudit(
        trx,
        { ...anon, actor: null },
        {
          action: "subscription.created",
          entityType: "status_subscriber",
          entityId: Number(res.insertId),
          after: { kind: "email", target: ANNA.email },
        },
      );
    });
    // An admin's change to her account, with her name in it.
    await transact(db, (trx) =>
      recordAudit(
        trx,
        { actor: admin, ip: "10.0.0.1", userAgent: "admin-ua", now: Date.now },
        { action: "user.note", entityType: "user", entityId: anna.id, before: { name: ANNA.name }, after: { note: "VIP: Anna Petrova" } },
      ),
    );
  });

  it("she can download her own data: her tickets and the public conversation, never notes or other people's details", async () => {
    const db = use();
    const data = await apiFrom(db, anna).privacy.myData();
    expect(data.account).toMatchObject({ id: anna.id, email: ANNA.email, name: ANNA.name, role: "customer", erasedAt: null });
    expect(data.tickets.map((t) => t.id)).toEqual([ticketId]);
    expect(data.tickets[0].messages.map((m) => [m.from, m.body])).toEqual([
      ["you", "Any news? Anna"],
      ["staff", "Hi Anna, we are on it."],
    ]);
    expect(data.tickets[0].messages[1].author).toBe(agent.name);
    expect(data.tickets[0].rating).toMatchObject({ rating: "bad", comment: "Anna Petrova waited two days" });
    expect(data.subscriptions).toHaveLength(1);
    expect(data.activity.some((a) => a.action === "ticket.created" && a.ip === ANNA_IP)).toBe(true);
    expect(data.sessions).toMatchObject([{ ip: ANNA_IP, userAgent: ANNA_UA, label: "AnnaBrowser on Linux", revokedAt: null }]);
    expect(data.security).toMatchObject({ twoFactorEnabled: true, passkeys: [{ name: "Anna's phone" }] });
    const text = JSON.stringify(data);
    for (const secret of ["Pro plan", agent.email, admin.email, other.email, "Unrelated ticket", "password_hash", "$argon2"])
      expect(text).not.toContain(secret);
    const exported = await db
      .selectFrom("audit_events")
      .select(["actor_id", "after_json"])
      .where("action", "=", "privacy.data_exported")
      .execute();
    expect(exported).toEqual([{ actor_id: anna.id, after_json: '{"by":"self"}' }]);
  });

  it("nobody else can export or erase her: customers, agents and leads get NOT_FOUND, and nothing changes", async () => {
    const db = use();
    const before = await snapshot(db);
    for (const actor of [other, agent, lead]) {
      const api = apiAs(db, actor);
      expect(await errorCode(api.privacy.userData({ userId: anna.id }))).toBe("NOT_FOUND");
      expect(await errorCode(api.privacy.subject({ userId: anna.id }))).toBe("NOT_FOUND");
      expect(await errorCode(api.privacy.eraseUser({ userId: anna.id }))).toBe("NOT_FOUND");
      expect(await errorCode(api.privacy.retention())).toBe("NOT_FOUND");
    }
    const anon = apiAs(db, null);
    expect(await errorCode(anon.privacy.myData())).toBe("UNAUTHORIZED");
    expect(await errorCode(anon.privacy.deleteMyAccount({ password: ANNA.password }))).toBe("UNAUTHORIZED");
    expect(await errorCode(anon.privacy.eraseUser({ userId: anna.id }))).toBe("UNAUTHORIZED");
    expect(await snapshot(db)).toEqual(before);
  });

  it("an admin cannot erase staff or someone who does not exist, and nothing changes", async () => {
    const db = use();
    const before = await snapshot(db);
    const api = apiAs(db, admin);
    expect(await errorCode(api.privacy.eraseUser({ userId: agent.id }))).toBe("CONFLICT");
    expect(await errorCode(api.privacy.eraseUser({ userId: admin.id }))).toBe("CONFLICT");
    expect(await errorCode(api.privacy.userData({ userId: lead.id }))).toBe("CONFLICT");
    expect(await errorCode(api.privacy.eraseUser({ userId: 999_999 }))).toBe("NOT_FOUND");
    expect(await errorCode(api.privacy.subject({ userId: 999_999 }))).toBe("NOT_FOUND");
    expect(await errorCode(api.privacy.eraseUser({ userId: 0 }))).toBe("BAD_REQUEST");
    // Staff cannot delete themselves either: an admin disables them.
    expect(await errorCode(apiAs(db, agent).privacy.deleteMyAccount({ password: "whatever-it-is" }))).toBe("CONFLICT");
    expect(await snapshot(db)).toEqual(before);
  });

  it("the admin sees whom they are about to erase", async () => {
    const subject = await apiAs(use(), admin).privacy.subject({ userId: anna.id });
    expect(subject).toMatchObject({ id: anna.id, name: ANNA.name, email: ANNA.email, tickets: 1, erasable: true, erasedAt: null });
  });

  it("an admin erases her: the account is anonymised, the conversation kept without her, her mail and subscriptions gone", async () => {
    const db = use();
    const messagesBefore = await db
      .selectFrom("ticket_messages")
      .select(["id", "kind", "author_id"])
      .where("ticket_id", "=", ticketId)
      .orderBy("id")
      .execute();
    const report = await apiAs(db, admin).privacy.eraseUser({ userId: anna.id });
    expect(report).toMatchObject({ userId: anna.id, tickets: 1, ticketsClosed: 1, messages: 3, subscriptionsDeleted: 1 });
    expect(report.emailsDeleted).toBeGreaterThanOrEqual(1);
    expect(report.auditEventsRedacted).toBeGreaterThan(5);

    const user = await db.selectFrom("users").selectAll().where("id", "=", anna.id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      name: `Deleted user #${anna.id}`,
      password_hash: null,
      invite_token_hash: null,
      disabled: 1,
      last_sign_in_at: null,
    });
    expect(user.email).toMatch(new RegExp(`^erased-${anna.id}-[0-9a-f]{8}@erased\\.invalid$`));
    expect(user.erased_at).not.toBeNull();
    // Her sessions end: the session's user id no longer gives an actor.
    expect(await getActorById(db, anna.id)).toBeNull();

    const ticket = await db.selectFrom("tickets").selectAll().where("id", "=", ticketId).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      requester_id: anna.id,
      subject: "[removed] cannot log in",
      description: "Hello, this is [removed] ([removed]). The login page spins for ever.",
      steps: "Open the page as [removed]",
      page_url: "",
      status: "closed",
      is_open: 0,
    });
    const messages = await db
      .selectFrom("ticket_messages")
      .select(["id", "kind", "author_id", "body"])
      .where("ticket_id", "=", ticketId)
      .orderBy("id")
      .execute();
    expect(messages.map(({ id, kind, author_id }) => ({ id, kind, author_id }))).toEqual(messagesBefore);
    expect(messages.map((m) => m.body)).toEqual([
      "Any news? [removed]",
      "Hi [removed], we are on it.",
      "[removed] called twice, she is on the Pro plan.",
    ]);
    expect(await db.selectFrom("outbox_emails").select("id").where("to_address", "=", ANNA.email).execute()).toEqual([]);
    expect(await db.selectFrom("status_subscribers").select("id").where("target", "=", ANNA.email).execute()).toEqual([]);
    for (const table of [
      "user_sessions",
      "email_changes",
      "password_resets",
      "user_two_factor",
      "user_recovery_codes",
      "user_passkeys",
    ] as const) {
      expect(await db.selectFrom(table).select("user_id").where("user_id", "=", anna.id).execute(), table).toEqual([]);
    }
    expect(report.sessionsEnded).toBe(1);
    // Her rating stays for the reports, without her words; notifications about her ticket are gone.
    expect(await db.selectFrom("ticket_ratings").select(["rating", "comment"]).where("ticket_id", "=", ticketId).execute()).toEqual([
      { rating: "bad", comment: null },
    ]);
    expect(await db.selectFrom("notifications").select("id").where("ticket_id", "=", ticketId).execute()).toEqual([]);
    // Someone else's ticket is untouched.
    expect(await db.selectFrom("tickets").select("subject").where("requester_id", "=", other.id).execute()).toEqual([
      { subject: "Unrelated ticket" },
    ]);
  });

  it("the audit trail records the erasure, keeps none of her personal data, and its chain still verifies", async () => {
    const db = use();
    const report = await verifyAuditChain(db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.redacted).toBeGreaterThan(5);

    const rows = await db.selectFrom("audit_events").selectAll().orderBy("id").execute();
    const needles = [ANNA.email, ANNA.name, "anna.petrova", ANNA_IP, ANNA_UA].map((s) => s.toLowerCase());
    for (const row of rows) {
      const text = Object.values(row)
        .filter((v) => typeof v === "string")
        .join("\n")
        .toLowerCase();
      for (const n of needles) expect(text, `audit event ${row.id} (${row.action}) contains ${n}`).not.toContain(n);
    }
    // She still appears by reference: as the actor of what she did, and as the entity of the erasure.
    expect(rows.filter((r) => r.actor_id === anna.id).length).toBeGreaterThan(3);
    const erased = rows.filter((r) => r.action === "privacy.user_erased");
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({ actor_id: admin.id, entity_type: "user", entity_id: String(anna.id) });
    // The admin's own address on the admin's events stays: it is not hers.
    expect(rows.find((r) => r.action === "user.note")).toMatchObject({ ip: "10.0.0.1", before_json: null, after_json: null });
  });

  it("nothing about her is left anywhere in the database", async () => {
    const db = use();
    const needles = [ANNA.email, ANNA.name, ANNA_IP, ANNA_NEW_EMAIL].map((s) => s.toLowerCase());
    for (const { table, text } of await everyRow(db)) {
      for (const n of needles) expect(text, `${table} contains ${n}`).not.toContain(n);
    }
  });

  it("she cannot be erased twice, and the admin's export of her shows only the anonymised account", async () => {
    const db = use();
    const before = await snapshot(db);
    expect(await errorCode(apiAs(db, admin).privacy.eraseUser({ userId: anna.id }))).toBe("CONFLICT");
    expect(await snapshot(db)).toEqual(before);
    const data = await apiAs(db, admin).privacy.userData({ userId: anna.id });
    expect(data.account.name).toBe(`Deleted user #${anna.id}`);
    expect(JSON.stringify(data).toLowerCase()).not.toContain("anna.petrova");
  });
});
