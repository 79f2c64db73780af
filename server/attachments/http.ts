import "server-only";
import { getDb, type DB } from "../db";
import { attachmentSettings } from "../env";
import type { RequestCtx } from "../context";
import { AppError } from "../errors";
import { enrolmentDue } from "../two-factor/policy";
import { twoFactorDefaults } from "../two-factor/config";
import { getRateLimits, type RateLimits, type RateRule } from "../shared-state/rate-limits";
import { localizeMessage, msg, translate, type Locale } from "@/lib/i18n";
import { getAttachmentForDownload, sweepOrphanAttachments, uploadAttachment, type AttachmentLimits } from "./attachments";
import { isInlineImage } from "./inspect";
import { getStorage, type BlobStorage } from "./storage";

/**
 * The HTTP side of attachments, apart from Next so tests can drive it: POST /api/attachments?name=… with
 * the file as the body, GET /api/attachments/{id}. The route handlers only build the context.
 */
export interface AttachmentHttpDeps {
  db: DB;
  ctx: RequestCtx;
  storage: BlobStorage;
  limits: AttachmentLimits;
  rateLimits: RateLimits;
  locale: Locale;
}

/** What the route handlers pass: the app's database, storage, limits and rate limits. */
export function appAttachmentDeps(ctx: RequestCtx, locale: Locale): AttachmentHttpDeps {
  return { db: getDb(), ctx, storage: getStorage(), limits: attachmentSettings().limits, rateLimits: getRateLimits(), locale };
}

/** Uploads per person: generous for a busy agent, small for a script filling the disk. */
export const UPLOAD_RULE: RateRule = { name: "attachment-upload", points: 120, durationSec: 600 };

const BASE_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

function json(body: unknown, status: number, extra: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...BASE_HEADERS, ...extra } });
}

function errorResponse(err: unknown, locale: Locale): Response {
  if (err instanceof AppError) {
    const status = err.code === "UNAUTHORIZED" ? 401 : err.code === "NOT_FOUND" ? 404 : err.code === "FORBIDDEN" ? 403 : 400;
    return json({ error: localizeMessage(locale, err.message), code: err.code }, status);
  }
  console.error("[mayak] attachment request failed", err);
  return json({ error: translate(locale, "err.internal") }, 500);
}

/** Signed in, with the second factor the role requires; null when the request may go on. */
async function refuseUnlessSignedIn(deps: AttachmentHttpDeps): Promise<Response | null> {
  const actor = deps.ctx.actor;
  if (!actor) return json({ error: translate(deps.locale, "err.signIn") }, 401);
  if (await enrolmentDue(deps.db, actor, twoFactorDefaults())) {
    return json({ error: translate(deps.locale, "twoFactor.err.enrolmentRequired") }, 403);
  }
  return null;
}

/** Reads at most `max` bytes of the body; null when it is longer (the rest is not read). */
async function readCapped(req: Request, max: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export async function handleUpload(req: Request, deps: AttachmentHttpDeps): Promise<Response> {
  const refused = await refuseUnlessSignedIn(deps);
  if (refused) return refused;
  const decision = await deps.rateLimits.consume(UPLOAD_RULE, `u:${deps.ctx.actor!.id}`);
  if (!decision.allowed) {
    return json({ error: translate(deps.locale, "err.rateLimited") }, 429, { "Retry-After": String(decision.retryAfterSec) });
  }
  const name = new URL(req.url).searchParams.get("name") ?? "";
  const tooBig = () => json({ error: translate(deps.locale, "attachments.err.tooBig") }, 413);
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > deps.limits.maxFileBytes) return tooBig();
  const bytes = await readCapped(req, deps.limits.maxFileBytes);
  if (!bytes) return tooBig();
  try {
    const file = await uploadAttachment(deps.db, deps.ctx, deps.storage, { name, bytes }, deps.limits);
    // Each upload sweeps a few old orphans, so no job is needed for them to go.
    await sweepOrphanAttachments(deps.db, deps.storage, deps.ctx.now(), 20).catch(() => 0);
    return json(file, 201);
  } catch (err) {
    return errorResponse(err, deps.locale);
  }
}

/** RFC 6266: an ASCII fallback and the real name in UTF-8. */
function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function handleDownload(idText: string, deps: AttachmentHttpDeps): Promise<Response> {
  const refused = await refuseUnlessSignedIn(deps);
  if (refused) return refused;
  const id = /^\d{1,12}$/.test(idText) ? Number(idText) : 0;
  try {
    if (!id) throw new AppError("NOT_FOUND", msg("err.notFound"));
    const row = await getAttachmentForDownload(deps.db, deps.ctx.actor, id);
    const body = await deps.storage.get(row.storage_key);
    if (!body) throw new AppError("NOT_FOUND", msg("err.notFound"));
    const inline = isInlineImage(row.content_type);
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": inline
          ? row.content_type
          : row.content_type.startsWith("text/plain")
            ? row.content_type
            : "application/octet-stream",
        "Content-Length": String(row.size),
        "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", row.file_name),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    return errorResponse(err, deps.locale);
  }
}
