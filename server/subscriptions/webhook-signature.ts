import "server-only";
import crypto from "node:crypto";

/**
 * Webhook signatures, Stripe-style: `X-Mayak-Signature: t=<unix seconds>,v1=<hex>` where the hex is
 * HMAC-SHA256 of `${t}.${rawBody}` under the subscriber's secret. The timestamp inside the signed text
 * stops an old delivery from being replayed later. This file depends only on node:crypto so that
 * subscribers can copy it as is.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Verifies a Mayak webhook delivery on the receiving side.
 *
 * @param secret       the secret shown when the webhook was subscribed
 * @param header       the `X-Mayak-Signature` request header
 * @param body         the raw request body, exactly as received (before any JSON parsing)
 * @param toleranceSec how old (or how far in the future) the timestamp may be; 300 is a good default
 * @param nowSec       the current time in unix seconds (for tests)
 * @returns true only if one of the `v1` signatures matches and the timestamp is within tolerance
 *
 * ```ts
 * const ok = verifySignature(process.env.MAYAK_WEBHOOK_SECRET!, req.headers["x-mayak-signature"], rawBody, 300);
 * if (!ok) return res.status(400).end();
 * ```
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string | Buffer,
  toleranceSec = 300,
  nowSec = Math.floor(Date.now() / 1000),
): boolean {
  if (!header) return false;
  let t: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(",")) {
    const [k, v] = part.trim().split("=", 2);
    if (k === "t" && /^\d{1,12}$/.test(v ?? "")) t = Number(v);
    else if (k === "v1" && /^[0-9a-f]{64}$/.test(v ?? "")) candidates.push(v);
  }
  if (t === null || candidates.length === 0 || Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = crypto.createHmac("sha256", secret).update(`${t}.`).update(body).digest();
  // Constant-time compare: an early exit would leak how many leading bytes were right.
  return candidates.some((c) => crypto.timingSafeEqual(expected, Buffer.from(c, "hex")));
}
