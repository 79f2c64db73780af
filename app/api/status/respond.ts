import type { Locale } from "@/server/db/schema";
import { renderAtom, renderRss } from "@/server/status/feeds";
import { publicApi } from "@/server/trpc/public-caller";

/** Machines may cache the answers briefly; the data is at most a minute old. */
export const SHORT_CACHE = "public, max-age=30, s-maxage=30, stale-while-revalidate=30";

/** `?lang=ru` picks Russian; anything else is English. */
export function langOf(req: Request, fallback: Locale = "en"): Locale {
  const lang = new URL(req.url).searchParams.get("lang");
  return lang === "ru" ? "ru" : lang === "en" ? "en" : fallback;
}

export async function feedResponse(format: "rss" | "atom", locale: Locale): Promise<Response> {
  const feed = await publicApi().status.feed({ locale, format });
  const body = format === "rss" ? renderRss(feed, locale) : renderAtom(feed, locale);
  return new Response(body, {
    headers: {
      "Content-Type": `${format === "rss" ? "application/rss+xml" : "application/atom+xml"}; charset=utf-8`,
      "Cache-Control": SHORT_CACHE,
    },
  });
}
