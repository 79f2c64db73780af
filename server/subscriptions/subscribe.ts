import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import { toJson } from "../db/json";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { queueEmail } from "../email/queue-email";
import { ZSubscribe } from "./schemas";
import { assertComponentsExist, displayTarget, insertSubscriber } from "./subscriber-rows";
import { newToken, tokenHash, unsubscribeToken, unsubscribeUrls } from "./tokens";
import { confirmationEmail } from "./messages";
import { transact } from "../db/transact";
import { AppError } from "../errors";
import { checkUrl, STRICT_POLICY, type OutboundPolicy, type RefusalReason } from "../net/address-policy";
import { msg, type MessageKey } from "@/lib/i18n";
import { enqueueVerification } from "./verify-webhook";

/** Where links point and the key unsubscribe tokens are derived with (see tokens.ts). */
export interface SubscriptionLinks {
  appUrl: string;
  linkKey: string;
}

export type SubscribeResult = { kind: "email" } | { kind: "webhook"; id: number; secret: string; unsubscribeUrl: string };

const URL_REFUSALS: Record<RefusalReason, MessageKey> = {
  scheme: "subscriptions.err.url.https",
  credentials: "subscriptions.err.url.credentials",
  port: "subscriptions.err.url.port",
  address: "subscriptions.err.url.address",
  redirect: "subscriptions.err.url.address",
  resolve: "subscriptions.err.url.address",
};

/**
 * Subscribes an email address (double opt-in) or a webhook. A webhook starts unverified and receives
 * nothing until its endpoint echoes a signed challenge (a `webhook.verify` job, queued here) or staff
 * approve it: anyone can fill in the form, so the URL proves nothing by itself. What the outbound rules
 * refuse without DNS (scheme, port, an internal IP literal) is refused here already, naming the field;
 * the address a name resolves to is checked at every call. The email answer is the same whether or not
 * the address was known, so the form cannot be used to learn who is subscribed.
 */
export async function subscribe(
  db: DB,
  ctx: RequestCtx,
  raw: z.input<typeof ZSubscribe>,
  links: SubscriptionLinks,
  policy: OutboundPolicy = STRICT_POLICY,
): Promise<SubscribeResult> {
  const input = ZSubscribe.parse(raw);
  const now = ctx.now();
  if (input.kind === "webhook") {
    const check = checkUrl(input.url, policy);
    if (!check.ok) throw new AppError("INVALID_INPUT", msg(URL_REFUSALS[check.reason]), "url");
  }
  return transact(db, async (trx) => {
    await assertComponentsExist(trx, input.components);
    if (input.kind === "email") {
      await subscribeEmail(trx, ctx, now, { email: input.email, locale: input.locale, components: input.components ?? null }, links);
      return { kind: "email" } as const;
    }
    const secret = input.secret ?? `whsec_${crypto.randomBytes(24).toString("base64url")}`;
    const components = input.components ?? null;
    const row = await insertSubscriber(trx, now, links.linkKey, {
      kind: "webhook",
      target: input.url,
      locale: input.locale,
      components,
      secret,
      confirmed: false,
      confirmTokenHash: null,
      webhookState: "unverified",
    });
    await enqueueVerification(trx, now, row.id);
    await recordAudit(trx, ctx, {
      action: "subscription.created",
      entityType: "status_subscriber",
      entityId: row.id,
      after: { kind: "webhook", target: displayTarget("webhook", input.url), components, state: "unverified" },
    });
    return {
      kind: "webhook",
      id: row.id,
      secret,
      unsubscribeUrl: unsubscribeUrls(links.appUrl, input.locale, row.unsubscribeToken).oneClick,
    } as const;
  });
}

/**
 * An address has at most one pending row: asking again re-sends the confirmation with a new token
 * (the old link stops working). A confirmed address asking again gets a pending row carrying the new
 * choice of components; confirming it replaces the old choice. Until then nothing changes, so no one
 * can alter someone else's subscription by typing their address.
 */
async function subscribeEmail(
  trx: Tx,
  ctx: RequestCtx,
  now: number,
  input: { email: string; locale: "en" | "ru"; components: number[] | null },
  links: SubscriptionLinks,
): Promise<void> {
  const confirmToken = newToken();
  const pending = await trx
    .selectFrom("status_subscribers")
    .select(["id", "created_at"])
    .where("kind", "=", "email")
    .where("target", "=", input.email)
    .where("confirmed", "=", 0)
    .orderBy("id")
    .executeTakeFirst();
  let unsubscribe: string;
  if (pending) {
    await trx
      .updateTable("status_subscribers")
      .set({ locale: input.locale, components: toJson(input.components), confirm_token_hash: tokenHash(confirmToken) })
      .where("id", "=", pending.id)
      .execute();
    unsubscribe = unsubscribeToken(links.linkKey, pending);
  } else {
    const row = await insertSubscriber(trx, now, links.linkKey, {
      kind: "email",
      target: input.email,
      locale: input.locale,
      components: input.components,
      secret: null,
      confirmed: false,
      confirmTokenHash: tokenHash(confirmToken),
    });
    unsubscribe = row.unsubscribeToken;
    await recordAudit(trx, ctx, {
      action: "subscription.created",
      entityType: "status_subscriber",
      entityId: row.id,
      after: { kind: "email", target: input.email, components: input.components },
    });
  }
  await queueEmail(trx, now, confirmationEmail(input.locale, links.appUrl, input.email, { confirm: confirmToken, unsubscribe }));
}
