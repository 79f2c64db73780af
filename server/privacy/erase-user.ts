import "server-only";
import crypto from "node:crypto";
import type { DB } from "../db";
import type { Role } from "../db/schema";
import { forUpdate, type Tx } from "../db/dialect";
import { toJson } from "../db/json";
import { transact } from "../db/transact";
import type { RequestCtx } from "../context";
import { AppError, notFound } from "../errors";
import { can } from "../auth/permissions";
import { verifyPassword } from "../auth/password";
import { recordAudit } from "../audit/record-audit";
import { redactAuditEvents } from "../audit/redact-audit";
import { EMAIL_SEND_JOB } from "../email/queue-email";
import { ticketStatusColumns } from "../tickets/schemas";
import { msg } from "@/lib/i18n";
import { planAuditRedaction } from "./audit-redaction";
import { isErasableAccount } from "./access";
import { erasedEmail, erasedName, scrubText, type ErasedPerson } from "./scrub";
import { ZDeleteMyAccount, ZUserId, type TDeleteMyAccount, type TUserId } from "./schemas";

export interface ErasureReport {
  userId: number;
  tickets: number;
  ticketsClosed: number;
  messages: number;
  emailsDeleted: number;
  subscriptionsDeleted: number;
  sessionsEnded: number;
  auditEventsRedacted: number;
}

/** The person as they are now, for the admin's confirmation and the checks before an erasure. */
export async function getErasureSubjectOrThrow(db: DB, userId: number) {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "disabled", "erased_at", "created_at", "last_sign_in_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) throw notFound(msg("err.userNotFound"));
  const tickets = await db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("requester_id", "=", user.id)
    .executeTakeFirstOrThrow();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: Boolean(user.disabled),
    erasedAt: user.erased_at,
    createdAt: user.created_at,
    lastSignInAt: user.last_sign_in_at,
    tickets: Number(tickets.n),
    /** Only customers' data is erased here; staff accounts are disabled instead (their replies are the team's record). */
    erasable: isErasableAccount(user) && user.erased_at === null,
  };
}

function assertErasable(user: { role: Role; erased_at: number | null }): void {
  if (!isErasableAccount(user)) throw new AppError("CONFLICT", msg("privacy.err.notCustomer"));
  if (user.erased_at !== null) throw new AppError("CONFLICT", msg("privacy.err.alreadyErased"));
}

/**
 * Erases a customer: the account row stays (tickets and messages point at it) but says "Deleted user #id"
 * with an address that can never receive mail, no password, no invitation, disabled, a new session version and
 * no session rows — so every session ends at its next request; their second factors, passkeys and pending
 * email change are deleted. Their tickets keep the conversation for the team,
 * with their email and name removed from the text and the page URL emptied; open ones are closed, since
 * nobody can be answered any more. Their outbox mail, its pending deliveries and their status subscriptions
 * are deleted. In the audit trail, their address and browser on everything they did, and every field that
 * holds their email or name, are redacted (the chain still verifies). One `privacy.user_erased` event,
 * holding no personal data, records it.
 *
 * The audit trail is searched once before the transaction (it may be long) and again inside it, with the
 * chain head locked, for events written in between.
 */
async function eraseUser(db: DB, ctx: RequestCtx, userId: number, by: "admin" | "self"): Promise<ErasureReport> {
  const before = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "erased_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!before) throw notFound(msg("err.userNotFound"));
  assertErasable(before);
  const ticketIdsOf = async (executor: DB | Tx) =>
    (await executor.selectFrom("tickets").select("id").where("requester_id", "=", userId).orderBy("id").execute()).map((t) => t.id);
  const firstPass = await planAuditRedaction(db, before, await ticketIdsOf(db));
  const now = ctx.now();

  return transact(db, async (trx) => {
    const user = await forUpdate(
      trx,
      trx.selectFrom("users").select(["id", "email", "name", "role", "erased_at"]).where("id", "=", userId),
    ).executeTakeFirst();
    if (!user) throw notFound(msg("err.userNotFound"));
    assertErasable(user);
    const person: ErasedPerson = { id: user.id, email: user.email, name: user.name };
    // Nobody appends to the trail until this commits, so the second pass misses nothing.
    await forUpdate(trx, trx.selectFrom("audit_head").select("id").where("id", "=", 1)).executeTakeFirstOrThrow();

    const ticketIds = await ticketIdsOf(trx);
    let ticketsClosed = 0;
    let messages = 0;
    for (let i = 0; i < ticketIds.length; i += 200) {
      const ids = ticketIds.slice(i, i + 200);
      const tickets = await trx
        .selectFrom("tickets")
        .select(["id", "subject", "description", "steps", "expected", "actual", "is_open", "solved_at"])
        .where("id", "in", ids)
        .execute();
      for (const t of tickets) {
        await trx
          .updateTable("tickets")
          .set({
            subject: scrubText(t.subject, person).slice(0, 200),
            description: scrubText(t.description, person),
            steps: scrubText(t.steps, person),
            expected: scrubText(t.expected, person),
            actual: scrubText(t.actual, person),
            page_url: "",
            ...(t.is_open ? { ...ticketStatusColumns("closed"), solved_at: t.solved_at ?? now } : {}),
            updated_at: now,
          })
          .where("id", "=", t.id)
          .execute();
        if (t.is_open) ticketsClosed++;
      }
      // Replies and internal notes alike: the team keeps the conversation, without the person's name.
      const bodies = await trx.selectFrom("ticket_messages").select(["id", "body"]).where("ticket_id", "in", ids).execute();
      for (const m of bodies) {
        const body = scrubText(m.body, person);
        if (body !== m.body) await trx.updateTable("ticket_messages").set({ body }).where("id", "=", m.id).execute();
      }
      messages += bodies.length;
      // Staff notifications about these tickets quote their subject and the person's name.
      await trx.deleteFrom("notifications").where("ticket_id", "in", ids).execute();
    }
    // A rating's comment is the person's own words: it goes; the rating itself (good or bad) stays for reports.
    await trx.updateTable("ticket_ratings").set({ comment: null }).where("requester_id", "=", user.id).execute();

    // Their article feedback is anonymous already; its comment may still name them.
    const feedbackEvents = await trx
      .selectFrom("audit_events")
      .select(["after_json"])
      .where("actor_id", "=", user.id)
      .where("action", "=", "article.feedback")
      .execute();
    for (const e of feedbackEvents) {
      const id = e.after_json ? (JSON.parse(e.after_json) as { feedbackId?: number }).feedbackId : undefined;
      if (typeof id !== "number") continue;
      const f = await trx.selectFrom("kb_feedback").select(["comment"]).where("id", "=", id).executeTakeFirst();
      if (f?.comment)
        await trx
          .updateTable("kb_feedback")
          .set({ comment: scrubText(f.comment, person) })
          .where("id", "=", id)
          .execute();
    }

    const mail = await trx.selectFrom("outbox_emails").select("id").where("to_address", "=", user.email).execute();
    for (let i = 0; i < mail.length; i += 500) {
      const ids = mail.slice(i, i + 500).map((m) => m.id);
      await trx
        .deleteFrom("jobs")
        .where("type", "=", EMAIL_SEND_JOB)
        .where("status", "=", "pending")
        .where(
          "payload",
          "in",
          ids.map((emailId) => toJson({ emailId })!),
        )
        .execute();
      await trx.deleteFrom("outbox_emails").where("id", "in", ids).execute();
    }
    const subscriptions = await trx
      .deleteFrom("status_subscribers")
      .where("kind", "=", "email")
      .where("target", "=", user.email)
      .executeTakeFirst();
    // Sessions (with the address and browser of each), a pending email change (the new address), reset links,
    // a pending sign-up with their address, second factors and passkeys: all theirs, none needed by anyone else.
    const sessions = await trx.deleteFrom("user_sessions").where("user_id", "=", user.id).executeTakeFirst();
    await trx.deleteFrom("email_changes").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("password_resets").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("sign_up_requests").where("email", "=", user.email).execute();
    await trx.deleteFrom("user_two_factor").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("user_passkeys").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("webauthn_challenges").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("notifications").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("notification_settings").where("user_id", "=", user.id).execute();

    await trx
      .updateTable("users")
      .set((eb) => ({
        // Any session token still held, even one whose row is gone, is now of an old version.
        session_version: eb("session_version", "+", 1),
        email: erasedEmail(user.id, crypto.randomBytes(4).toString("hex")),
        name: erasedName(user.id),
        password_hash: null,
        invite_token_hash: null,
        invite_expires_at: null,
        last_sign_in_at: null,
        disabled: 1,
        on_duty: 0,
        erased_at: now,
        updated_at: now,
      }))
      .where("id", "=", user.id)
      .execute();

    const secondPass = await planAuditRedaction(trx, person, ticketIds, firstPass.scannedThrough);
    const plan = new Map([...firstPass.plan, ...secondPass.plan]);
    const redacted = await redactAuditEvents(trx, plan);

    const report: ErasureReport = {
      userId: user.id,
      tickets: ticketIds.length,
      ticketsClosed,
      messages,
      emailsDeleted: mail.length,
      subscriptionsDeleted: Number(subscriptions.numDeletedRows),
      sessionsEnded: Number(sessions.numDeletedRows),
      auditEventsRedacted: redacted.length,
    };
    await recordAudit(trx, ctx, { action: "privacy.user_erased", entityType: "user", entityId: user.id, after: { by, ...report } });
    return report;
  });
}

/** An admin erases a customer (privacy.manage). */
export async function eraseCustomer(db: DB, ctx: RequestCtx, raw: TUserId): Promise<ErasureReport> {
  const input = ZUserId.parse(raw);
  if (!can(ctx.actor, "privacy.manage")) throw notFound(msg("err.userNotFound"));
  return eraseUser(db, ctx, input.userId, "admin");
}

/**
 * A customer deletes their own account, at once, after typing their password again (as GDPR self-service
 * tools and Zendesk's end-user deletion do: no admin has to act on it). A wrong password is audited and
 * answered with a field error. The erasure event keeps no network address: that would be theirs.
 */
export async function deleteOwnAccount(db: DB, ctx: RequestCtx, raw: TDeleteMyAccount): Promise<ErasureReport> {
  const input = ZDeleteMyAccount.parse(raw);
  const actor = ctx.actor;
  if (!actor) throw notFound();
  if (!isErasableAccount(actor)) throw new AppError("CONFLICT", msg("privacy.err.notCustomer"));
  const row = await db.selectFrom("users").select(["password_hash"]).where("id", "=", actor.id).executeTakeFirst();
  if (!row) throw notFound();
  if (!(await verifyPassword(row.password_hash, input.password))) {
    await transact(db, (trx) =>
      recordAudit(trx, ctx, {
        action: "privacy.self_erase_refused",
        entityType: "user",
        entityId: actor.id,
        after: { reason: "wrong_password" },
      }),
    );
    throw new AppError("INVALID_INPUT", msg("privacy.err.password"), "password");
  }
  return eraseUser(db, { ...ctx, ip: "", userAgent: "" }, actor.id, "self");
}
