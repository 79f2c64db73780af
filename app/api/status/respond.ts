import type { Locale } from "@/server/db/schema";
import { renderAtom, renderRss } from "@/server/status/feeds";
import { renderFeedPage } from "@/server/status/feed-page";
import { publicApi } from "@/server/trpc/public-caller";
import { wantsHtml } from "@/lib/page-cache-targets.mjs";

/** Machines may cache the answers briefly; the data is at most a minute old. */
export const SHORT_CACHE = "public, max-age=30, s-maxage=30, stale-while-revalidate=30";

/** `?lang=ru` picks Russian; anything else is English. */
export function langOf(req: Request, fallback: Locale = "en"): Locale {
  const lang = new URL(req.url).searchParams.get("lang");
  return lang === "ru" ? "ru" : lang === "en" ? "en" : fallback;
}

/**
 * The feed, or for a browser (it asks for text/html before any XML) a page explaining the feed and how to
 * follow it. Both depend on Accept, and say so.
 */
export async function feedResponse(format: "rss" | "atom", locale: Locale, req: Request): Promise<Response> {
  const feed = await publicApi().status.feed({ locale, format });
  const headers = { "Cache-Control": SHORT_CACHE, Vary: "Accept" };
  if (wantsHtml(req.headers.get("accept") ?? undefined)) {
    return new Response(renderFeedPage(feed, locale, format), { headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
  }
  const body = format === "rss" ? renderRss(feed, locale) : renderAtom(feed, locale);
  return new Response(body, {
    headers: { ...headers, "Content-Type": `${format === "rss" ? "application/rss+xml" : "application/atom+xml"}; charset=utf-8` },
  });
}
