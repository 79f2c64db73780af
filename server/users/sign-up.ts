import "server-only";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import { isUniqueViolation } from "../db/dialect";
import type { Role, Locale } from "../db/schema";
import { AppError } from "../errors";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { ZConfirmSignUp, ZSignUp, type TSignUp } from "./schemas";
import { msg, translate } from "@/lib/i18n";
import { transact } from "../db/transact";
import { forUpdate } from "../db/dialect";
import { queueEmail } from "../email/queue-email";
import { assertPasswordPolicy } from "../auth/password-policy";
import { hashLinkToken, linkWithToken, newLinkToken } from "./link-tokens";
import type { z } from "zod";

/** Inserts a user; a taken email becomes a field error. */
export async function insertUser(
  trx: Tx,
  now: number,
  u: {
    email: string;
    name: string;
    role: Role;
    locale: Locale;
    passwordHash: string | null;
    inviteTokenHash?: string;
    inviteExpiresAt?: number;
  },
): Promise<number> {
  const existing = await trx.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirst();
  if (existing) throw new AppError("EMAIL_TAKEN", msg("err.emailTaken"), "email");
  try {
    const res = await trx
      .insertInto("users")
      .values({
        email: u.email,
        name: u.name,
        role: u.role,
        locale: u.locale,
        password_hash: u.passwordHash,
        disabled: 0,
        invite_token_hash: u.inviteTokenHash ?? null,
        invite_expires_at: u.inviteExpiresAt ?? null,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    return Number(res.insertId);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("EMAIL_TAKEN", msg("err.emailTaken"), "email");
    throw err;
  }
}

export const SIGN_UP_TTL_MS = 24 * 3600_000;

export interface SignUpOptions {
  appUrl: string;
  /** Runs once the input is valid and before any work: the caller's per-address limit on emails sent. */
  beforeSending?: (email: string) => Promise<void>;
}

/**
 * A visitor asks for a customer account. The answer never says whether the address has an account, and
 * both paths do the same work (an argon2 hash of the submitted password, one email through the outbox, one
 * audit event): a new address gets a confirmation link, and the account is created only when it is
 * followed (confirmSignUp), so nobody can hold an address they cannot read; an address that has an
 * account gets a note to its owner (sign in, or reset the password). A disabled account gets no email.
 */
export async function signUp(db: DB, ctx: RequestCtx, raw: TSignUp, opts: SignUpOptions): Promise<void> {
  const input = ZSignUp.parse(raw);
  assertPasswordPolicy(input.password, { name: input.name, email: input.email });
  await opts.beforeSending?.(input.email);
  const passwordHash = await hashPassword(input.password);
  const { token, hash } = newLinkToken();
  const now = ctx.now();
  await transact(db, async (trx) => {
    const existing = await trx
      .selectFrom("users")
      .select(["id", "name", "locale", "disabled"])
      .where("email", "=", input.email)
      .executeTakeFirst();
    if (existing) {
      if (!existing.disabled) {
        await queueEmail(trx, now, {
          to: input.email,
          subject: translate(existing.locale, "signUp.email.existing.subject"),
          text: translate(existing.locale, "signUp.email.existing.body", {
            name: existing.name,
            signIn: `${opts.appUrl}${existing.locale === "ru" ? "/ru" : ""}/signin`,
            reset: `${opts.appUrl}${existing.locale === "ru" ? "/ru" : ""}/forgot-password`,
          }),
        });
      }
    } else {
      // A newer request replaces an unconfirmed one: only the latest link works.
      await trx.deleteFrom("sign_up_requests").where("email", "=", input.email).execute();
      await trx
        .insertInto("sign_up_requests")
        .values({
          email: input.email,
          name: input.name,
          locale: input.locale,
          password_hash: passwordHash,
          token_hash: hash,
          created_at: now,
          expires_at: now + SIGN_UP_TTL_MS,
        })
        .execute();
      await queueEmail(trx, now, {
        to: input.email,
        subject: translate(input.locale, "signUp.email.confirm.subject"),
        text: translate(input.locale, "signUp.email.confirm.body", {
          name: input.name,
          link: linkWithToken(opts.appUrl, input.locale, "/signup/confirm", token),
        }),
      });
    }
    await recordAudit(trx, ctx, {
      action: "user.sign_up_requested",
      entityType: "user",
      entityId: existing?.id ?? input.email,
      after: { email: input.email, existingAccount: Boolean(existing) },
    });
  });
}

/**
 * The confirmation link was followed: the customer account is created from the request, which is used up
 * (with any other request for the address). The token is checked before anything else and again on the
 * locked row, so the same link followed twice at once creates one account.
 */
export async function confirmSignUp(db: DB, ctx: RequestCtx, raw: z.input<typeof ZConfirmSignUp>): Promise<{ email: string }> {
  const input = ZConfirmSignUp.parse(raw);
  const hash = hashLinkToken(input.token);
  const invalid = () => new AppError("SIGN_UP_LINK_INVALID", msg("signUp.err.linkInvalid"));
  return transact(db, async (trx) => {
    const request = await forUpdate(trx, trx.selectFrom("sign_up_requests").selectAll().where("token_hash", "=", hash)).executeTakeFirst();
    if (!request || request.expires_at < ctx.now()) throw invalid();
    const taken = await trx.selectFrom("users").select("id").where("email", "=", request.email).executeTakeFirst();
    if (taken) throw invalid();
    await trx.deleteFrom("sign_up_requests").where("email", "=", request.email).execute();
    await createCustomer(trx, ctx, {
      email: request.email,
      name: request.name,
      locale: request.locale,
      passwordHash: request.password_hash,
    });
    return { email: request.email };
  });
}

/** The account of a customer who signed themselves up, with its audit event (the customer is the actor). */
async function createCustomer(
  trx: Tx,
  ctx: RequestCtx,
  u: { email: string; name: string; locale: Locale; passwordHash: string },
): Promise<number> {
  const id = await insertUser(trx, ctx.now(), { ...u, role: "customer" });
  await recordAudit(
    trx,
    { ...ctx, actor: ctx.actor ?? { id, role: "customer", email: u.email, name: u.name, locale: u.locale } },
    {
      action: "user.signed_up",
      entityType: "user",
      entityId: id,
      after: { email: u.email, name: u.name, role: "customer" },
    },
  );
  return id;
}

/**
 * A customer account created at once, as if its owner had confirmed the link: for the demo seed, whose
 * customers "signed up" weeks ago. Not reachable from the API, and the demo passwords skip the policy.
 */
export async function createSignedUpCustomer(db: DB, ctx: RequestCtx, raw: TSignUp): Promise<{ id: number }> {
  const input = ZSignUp.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return transact(db, async (trx) => ({ id: await createCustomer(trx, ctx, { ...input, passwordHash }) }));
}

/** Staff accounts from the command line (`npm run user:create`) and the demo seed. */
export async function createUser(
  db: DB,
  ctx: RequestCtx,
  input: { email: string; name: string; role: Role; password: string; locale?: Locale },
): Promise<{ id: number }> {
  const passwordHash = await hashPassword(input.password);
  return transact(db, async (trx) => {
    const email = input.email.trim().toLowerCase();
    const id = await insertUser(trx, ctx.now(), { email, name: input.name, role: input.role, locale: input.locale ?? "en", passwordHash });
    await recordAudit(trx, ctx, {
      action: "user.created",
      entityType: "user",
      entityId: id,
      after: { email, name: input.name, role: input.role },
    });
    return { id };
  });
}
