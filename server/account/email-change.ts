import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import type { DB } from "../db";
import { forUpdate, isUniqueViolation } from "../db/dialect";
import { transact } from "../db/transact";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { verifyPassword } from "../auth/password";
import { queueEmail } from "../email/queue-email";
import { AppError } from "../errors";
import { msg, translate } from "@/lib/i18n";
import { ZConfirmEmailChange, ZRequestEmailChange } from "./schemas";

/** How long a confirmation link works. */
export const EMAIL_CHANGE_TTL_MS = 24 * 3600_000;

const sha256 = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Where the link leads: the confirmation page, in the person's language. */
function confirmLink(appUrl: string, locale: string, token: string): string {
  return `${appUrl}${locale === "ru" ? "/ru" : ""}/account/confirm-email?token=${encodeURIComponent(token)}`;
}

/**
 * The signed-in person asks to move their account to another address, giving their password again. A link
 * goes to the new address through the outbox (the token's SHA-256 is stored; a newer request replaces the
 * older one); nothing changes until it is opened. An address that already has an account gets a notice
 * instead of a link, and the answer is the same, so the form does not tell which addresses have accounts.
 */
export async function requestEmailChange(db: DB, ctx: RequestCtx, raw: z.input<typeof ZRequestEmailChange>, appUrl: string): Promise<void> {
  const input = ZRequestEmailChange.parse(raw);
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "locale", "password_hash"])
    .where("id", "=", actor.id)
    .executeTakeFirstOrThrow();
  if (input.email === user.email) throw new AppError("INVALID_INPUT", msg("account.email.err.same"), "email");
  if (!(await verifyPassword(user.password_hash, input.password))) {
    throw new AppError("INVALID_INPUT", msg("account.email.err.password"), "password");
  }
  const taken = await db.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
  const now = ctx.now();
  const locale = user.locale;
  await transact(db, async (trx) => {
    await trx.deleteFrom("email_changes").where("user_id", "=", user.id).execute();
    if (taken) {
      await queueEmail(trx, now, {
        to: input.email,
        subject: translate(locale, "account.email.takenMail.subject"),
        text: translate(locale, "account.email.takenMail.body"),
      });
    } else {
      const token = crypto.randomBytes(32).toString("base64url");
      await trx
        .insertInto("email_changes")
        .values({
          user_id: user.id,
          new_email: input.email,
          token_hash: sha256(token),
          created_at: now,
          expires_at: now + EMAIL_CHANGE_TTL_MS,
        })
        .execute();
      await queueEmail(trx, now, {
        to: input.email,
        subject: translate(locale, "account.email.confirmMail.subject"),
        text: translate(locale, "account.email.confirmMail.body", { name: user.name, link: confirmLink(appUrl, locale, token) }),
      });
    }
    await recordAudit(trx, ctx, {
      action: "user.email_change_requested",
      entityType: "user",
      entityId: user.id,
      after: { email: input.email },
    });
  });
}

/**
 * The link from the new address is opened (signed in or not): the address changes, the link is used up with
 * every other pending change of the account, and the old address is told. A link that is unknown, used,
 * expired or belongs to a disabled account changes nothing; an address taken meanwhile is EMAIL_TAKEN.
 */
export async function confirmEmailChange(db: DB, ctx: RequestCtx, raw: z.input<typeof ZConfirmEmailChange>): Promise<{ email: string }> {
  const input = ZConfirmEmailChange.parse(raw);
  const hash = sha256(input.token);
  const invalid = () => new AppError("INVALID_INPUT", msg("account.email.err.link"));
  const find = (q: typeof db) =>
    q
      .selectFrom("email_changes as c")
      .innerJoin("users as u", "u.id", "c.user_id")
      .select(["c.id as changeId", "c.new_email", "c.expires_at", "u.id", "u.email", "u.name", "u.role", "u.locale", "u.disabled"])
      .where("c.token_hash", "=", hash);
  const usable = (r: { expires_at: number; disabled: number } | undefined) => Boolean(r && Number(r.expires_at) > ctx.now() && !r.disabled);
  if (!usable(await find(db).executeTakeFirst())) throw invalid();
  try {
    return await transact(db, async (trx) => {
      const row = await forUpdate(trx, find(trx)).executeTakeFirst();
      if (!row || !usable(row)) throw invalid();
      const taken = await trx
        .selectFrom("users")
        .select("id")
        .where("email", "=", row.new_email)
        .where("id", "!=", row.id)
        .executeTakeFirst();
      if (taken) throw new AppError("EMAIL_TAKEN", msg("account.email.err.taken"));
      await trx.deleteFrom("email_changes").where("user_id", "=", row.id).execute();
      await trx.updateTable("users").set({ email: row.new_email, updated_at: ctx.now() }).where("id", "=", row.id).execute();
      const actor = { id: row.id, role: row.role, email: row.new_email, name: row.name, locale: row.locale };
      await recordAudit(
        trx,
        { ...ctx, actor },
        {
          action: "user.email_changed",
          entityType: "user",
          entityId: row.id,
          before: { email: row.email },
          after: { email: row.new_email },
        },
      );
      await queueEmail(trx, ctx.now(), {
        to: row.email,
        subject: translate(row.locale, "account.email.changedMail.subject"),
        text: translate(row.locale, "account.email.changedMail.body", { name: row.name, email: row.new_email }),
      });
      return { email: row.new_email };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("EMAIL_TAKEN", msg("account.email.err.taken"));
    throw err;
  }
}
