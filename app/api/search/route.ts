import { ZodError } from "zod";
import { getDb } from "@/server/db";
import { cookies, headers } from "next/headers";
import { VISITOR_COOKIE, visitorFrom } from "@/server/auth/session";
import { clientIp } from "@/server/auth/request-info";
import type { RequestCtx } from "@/server/context";
import { checkRateLimit } from "@/server/auth/rate-limit";
import { getSearchEngine } from "@/server/search";
import { searchArticles } from "@/server/kb/search-articles";
import { boot } from "@/server/boot";

export const dynamic = "force-dynamic";

/** GET /api/search?q=&locale=en|ru[&category=&kind=article|faq&limit=&offset=] — JSON for this site and others. */
export async function GET(req: Request) {
  const url = new URL(req.url);
  // Search is public: no session is read (it costs a token decryption per request).
  const [h, c] = await Promise.all([headers(), cookies()]);
  const ctx: RequestCtx = { actor: null, ip: clientIp(h), userAgent: "", now: Date.now, visitor: visitorFrom(c.get(VISITOR_COOKIE)?.value) };
  if (!checkRateLimit("search", ctx.ip, 600, 60_000)) {
    return Response.json({ error: "Too many searches. Please wait a minute." }, { status: 429 });
  }
  const params = Object.fromEntries(url.searchParams);
  try {
    await boot();
    const body = await searchArticles(getDb(), getSearchEngine(), ctx, params, { log: params.log !== "0" });
    return Response.json(body, { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } });
  } catch (err) {
    if (err instanceof ZodError) {
      return Response.json({ error: err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 400 });
    }
    throw err;
  }
}
