import "server-only";
import type { DB } from "../db";
import { systemCtx } from "../context";
import { PermanentJobError } from "../jobs/queue";
import type { JobHandler } from "../jobs/worker";
import { removeGoneWebhook } from "./manage-subscription";
import type { WebhookDeliveryPayload } from "./notify";
import { signatureHeader } from "./webhook-signature";
import { transact } from "../db/transact";
import { OutboundFailedError, OutboundRefusedError, safeFetch, type SafeResponse } from "../net/safe-fetch";
import { isActiveWebhook, type WebhookOutbound } from "./verify-webhook";

export const WEBHOOK_TIMEOUT_MS = 5000;

function parsePayload(p: unknown): WebhookDeliveryPayload {
  const d = p as Partial<WebhookDeliveryPayload> | null;
  if (
    !d ||
    typeof d.subscriberId !== "number" ||
    typeof d.deliveryId !== "string" ||
    typeof d.event !== "string" ||
    typeof d.body !== "string"
  ) {
    throw new PermanentJobError("not a webhook delivery");
  }
  return d as WebhookDeliveryPayload;
}

/**
 * The `webhook.deliver` handler: one POST per job, so each receiver retries on its own schedule.
 * A 2xx is success; 410 Gone unsubscribes the webhook; another status, a timeout or a refused connection
 * throws, and the queue retries with backoff until the attempts run out. What the outbound rules refuse
 * (an address that now resolves somewhere internal, a redirect, which is never followed since it would
 * re-send signed content somewhere the subscriber never named) is dead at once: retrying cannot help.
 * The signature is made per attempt, so its timestamp is fresh; the body and delivery id stay the same
 * for receivers to de-duplicate on. The answer's body is not read.
 */
export function makeWebhookHandler(db: DB, outbound: () => WebhookOutbound, opts: { timeoutMs?: number } = {}): JobHandler {
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return async (payload, ctx) => {
    const d = parsePayload(payload);
    const sub = await db
      .selectFrom("status_subscribers")
      .select(["id", "kind", "target", "secret", "confirmed", "webhook_state"])
      .where("id", "=", d.subscriberId)
      .executeTakeFirst();
    // Unsubscribed since the event, or no longer active: nothing to deliver.
    if (!sub || sub.kind !== "webhook" || !sub.secret || !sub.confirmed || !isActiveWebhook(sub.webhook_state)) return;
    const { policy, resolve } = outbound();
    let res: SafeResponse;
    try {
      res = await safeFetch(sub.target, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Mayak-Webhooks/1",
          "X-Mayak-Event": d.event,
          "X-Mayak-Delivery": d.deliveryId,
          "X-Mayak-Signature": signatureHeader(sub.secret, d.body, Math.floor(ctx.now() / 1000)),
        },
        body: d.body,
        policy,
        resolve,
        timeoutMs,
        maxResponseBytes: 0,
      });
    } catch (err) {
      if (err instanceof OutboundRefusedError) throw new PermanentJobError(`webhook refused: ${err.message}`);
      if (err instanceof OutboundFailedError) throw new Error(`webhook delivery failed: ${err.kind}: ${err.message}`);
      throw err;
    }
    if (res.status === 410) {
      await transact(db, (trx) => removeGoneWebhook(trx, systemCtx(ctx.now), sub.id));
      return;
    }
    if (res.status < 200 || res.status > 299) throw new Error(`webhook answered HTTP ${res.status}`);
  };
}
