import "server-only";
import type { z } from "zod";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import { transact } from "../db/transact";
import type { WebhookState } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";
import { ZSubscriberId } from "./schemas";
import { enqueueVerification, isActiveWebhook } from "./verify-webhook";

async function lockWebhook(trx: Tx, id: number) {
  const row = await forUpdate(
    trx,
    trx.selectFrom("status_subscribers").select(["id", "kind", "webhook_state"]).where("id", "=", id),
  ).executeTakeFirst();
  // An email subscriber has nothing to approve: to the caller it is no webhook at all.
  if (!row || row.kind !== "webhook") throw notFound(msg("subscriptions.err.notFound"));
  return { id: row.id, state: row.webhook_state ?? "unverified" };
}

/**
 * Staff let a webhook through without the endpoint's echo (a receiver that cannot be changed to answer
 * the challenge). It still goes only where the outbound rules allow: approval is about consent, not about
 * addresses. Approving an active webhook changes nothing.
 */
export async function approveWebhook(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSubscriberId>): Promise<{ state: WebhookState }> {
  const { id } = ZSubscriberId.parse(raw);
  return transact(db, async (trx) => {
    const row = await lockWebhook(trx, id);
    if (isActiveWebhook(row.state)) return { state: row.state };
    await trx
      .updateTable("status_subscribers")
      .set({ webhook_state: "approved", webhook_error: null, confirmed: 1, confirmed_at: ctx.now() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, ctx, {
      action: "subscription.approved",
      entityType: "status_subscriber",
      entityId: id,
      before: { state: row.state },
      after: { state: "approved" },
    });
    return { state: "approved" as const };
  });
}

/** Staff ask a pending or failed webhook to verify again (its endpoint was fixed). An active one is left as it is. */
export async function requestVerification(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSubscriberId>): Promise<{ state: WebhookState }> {
  const { id } = ZSubscriberId.parse(raw);
  return transact(db, async (trx) => {
    const row = await lockWebhook(trx, id);
    if (isActiveWebhook(row.state)) return { state: row.state };
    await trx
      .updateTable("status_subscribers")
      .set({ webhook_state: "unverified", webhook_error: null, confirmed: 0 })
      .where("id", "=", id)
      .execute();
    await enqueueVerification(trx, ctx.now(), id);
    await recordAudit(trx, ctx, {
      action: "subscription.verification_requested",
      entityType: "status_subscriber",
      entityId: id,
      before: { state: row.state },
      after: { state: "unverified" },
    });
    return { state: "unverified" as const };
  });
}
