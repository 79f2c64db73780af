import "server-only";
import crypto from "node:crypto";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import { transact } from "../db/transact";
import type { WebhookState } from "../db/schema";
import { systemCtx, type RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { enqueueJob, PermanentJobError } from "../jobs/queue";
import type { JobHandler } from "../jobs/worker";
import { OutboundFailedError, OutboundRefusedError, safeFetch, type Resolver } from "../net/safe-fetch";
import type { OutboundPolicy } from "../net/address-policy";
import { signatureHeader } from "./webhook-signature";

export const WEBHOOK_VERIFY_JOB = "webhook.verify";
export const VERIFY_EVENT = "subscription.verify";
/** The first try and three retries, 10, 20 and 40 s apart: a receiver being deployed gets a minute or so. */
export const WEBHOOK_VERIFY_ATTEMPTS = 4;
/** The challenge must be in the first 64 KB of the answer; the rest is not read. */
export const VERIFY_MAX_RESPONSE_BYTES = 64 * 1024;

/** How webhooks leave: the address rules, and (tests) a resolver that needs no real DNS. */
export interface WebhookOutbound {
  policy: OutboundPolicy;
  resolve?: Resolver;
}

/** Only these receive events. */
export function isActiveWebhook(state: WebhookState | null): boolean {
  return state === "verified" || state === "approved";
}

/** Adds the verification call of a webhook to the queue, inside the caller's transaction. */
export async function enqueueVerification(trx: Tx, now: number, subscriberId: number): Promise<void> {
  await enqueueJob(trx, now, { type: WEBHOOK_VERIFY_JOB, payload: { subscriberId }, maxAttempts: WEBHOOK_VERIFY_ATTEMPTS });
}

/** The body of a verification call: compact JSON, signed like every delivery. */
export function verificationBody(subscriberId: number, challenge: string): string {
  return JSON.stringify({ type: VERIFY_EVENT, challenge, subscription: { id: subscriberId } });
}

/**
 * Did the endpoint echo the challenge? Either the whole body is the challenge (surrounding whitespace
 * ignored), or the body is a JSON object whose `challenge` field is it. Anything else is not proof: a
 * page that merely reflects the request (an error page quoting the body) would show the whole JSON
 * document, not the bare challenge.
 */
export function echoesChallenge(body: Buffer, challenge: string): boolean {
  const text = body.toString("utf8").trim();
  if (text === challenge) return true;
  if (!text.startsWith("{")) return false;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === "object" && parsed !== null && (parsed as { challenge?: unknown }).challenge === challenge;
  } catch {
    return false;
  }
}

function parsePayload(p: unknown): number {
  const id = (p as { subscriberId?: unknown } | null)?.subscriberId;
  if (typeof id !== "number" || !Number.isInteger(id) || id <= 0) throw new PermanentJobError("not a webhook verification");
  return id;
}

/**
 * The `webhook.verify` handler: one signed POST with a fresh random challenge per attempt. A 2xx that
 * echoes the challenge verifies the webhook. A refusal by the outbound rules (an internal address, a
 * redirect, a forbidden port) fails it at once, since retrying cannot help; anything else (an error
 * status, no echo, a timeout) is retried, and marks it failed when the attempts run out. The job itself
 * ends as done either way: a receiver that does not verify is the subscriber's problem, not a dead letter.
 */
export function makeVerifyHandler(db: DB, outbound: () => WebhookOutbound, opts: { timeoutMs: number }): JobHandler {
  return async (payload, ctx) => {
    const subscriberId = parsePayload(payload);
    const sub = await db
      .selectFrom("status_subscribers")
      .select(["id", "kind", "target", "secret", "webhook_state"])
      .where("id", "=", subscriberId)
      .executeTakeFirst();
    // Gone, already verified or approved, or failed for good (staff ask again by making it unverified).
    if (!sub || sub.kind !== "webhook" || !sub.secret || sub.webhook_state !== "unverified") return;
    const challenge = crypto.randomBytes(24).toString("base64url");
    const body = verificationBody(sub.id, challenge);
    const { policy, resolve } = outbound();
    let problem: string | null = null;
    let permanent = false;
    try {
      const res = await safeFetch(sub.target, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Mayak-Webhooks/1",
          "X-Mayak-Event": VERIFY_EVENT,
          "X-Mayak-Delivery": crypto.randomUUID(),
          "X-Mayak-Signature": signatureHeader(sub.secret, body, Math.floor(ctx.now() / 1000)),
        },
        body,
        policy,
        resolve,
        timeoutMs: opts.timeoutMs,
        maxResponseBytes: VERIFY_MAX_RESPONSE_BYTES,
      });
      if (res.status < 200 || res.status > 299) problem = `the endpoint answered HTTP ${res.status}`;
      else if (!echoesChallenge(res.body, challenge)) problem = "the endpoint answered without echoing the challenge";
    } catch (err) {
      if (err instanceof OutboundRefusedError) {
        problem = `refused: ${err.message}`;
        permanent = true;
      } else if (err instanceof OutboundFailedError) {
        problem = `${err.kind}: ${err.message}`;
      } else {
        throw err;
      }
    }
    const final = problem === null || permanent || ctx.attempt >= ctx.maxAttempts;
    await transact(db, (trx) => recordOutcome(trx, systemCtx(ctx.now), sub.id, problem, final));
    if (!final) throw new Error(`webhook verification failed: ${problem}`);
  };
}

/** Writes what one verification call found, unless staff decided in the meantime. */
async function recordOutcome(trx: Tx, ctx: RequestCtx, id: number, problem: string | null, final: boolean): Promise<void> {
  const row = await forUpdate(
    trx,
    trx.selectFrom("status_subscribers").select(["id", "webhook_state"]).where("id", "=", id),
  ).executeTakeFirst();
  if (!row || row.webhook_state !== "unverified") return;
  const error = problem?.slice(0, 300) ?? null;
  if (problem === null) {
    await trx
      .updateTable("status_subscribers")
      .set({ webhook_state: "verified", webhook_error: null, confirmed: 1, confirmed_at: ctx.now() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, ctx, {
      action: "subscription.verified",
      entityType: "status_subscriber",
      entityId: id,
      before: { state: "unverified" },
      after: { state: "verified" },
    });
  } else if (final) {
    await trx.updateTable("status_subscribers").set({ webhook_state: "failed", webhook_error: error }).where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: "subscription.verification_failed",
      entityType: "status_subscriber",
      entityId: id,
      before: { state: "unverified" },
      after: { state: "failed", reason: error },
    });
  } else {
    await trx.updateTable("status_subscribers").set({ webhook_error: error }).where("id", "=", id).execute();
  }
}
