import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { localizeMessage, translate, type Locale } from "@/lib/i18n";

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/** A file the browser saves instead of showing: personal data is never cached on the way. */
export function downloadResponse(body: BodyInit, filename: string, contentType: string): Response {
  return new Response(body, {
    headers: {
      ...NO_STORE,
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    },
  });
}

/**
 * The answer of a download route when the procedure refused: the same status the API gives (401 when
 * signed out, 404 for what the caller may not see, 400 for bad input) and its message; anything else is
 * the server's fault and says nothing more.
 */
export function downloadError(err: unknown, locale: Locale): Response {
  if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") {
    return Response.json({ error: localizeMessage(locale, err.message) }, { status: getHTTPStatusCodeFromError(err), headers: NO_STORE });
  }
  console.error("[mayak] download failed", err);
  return Response.json({ error: translate(locale, "err.internal") }, { status: 500, headers: NO_STORE });
}

/** `YYYY-MM-DD` as the start of that day in UTC, in epoch ms; anything else is undefined. */
export function dayStart(value: string | null): number | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
