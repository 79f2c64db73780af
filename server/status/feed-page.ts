import "server-only";
import type { Locale } from "../db/schema";
import { formatDateTime, translate } from "@/lib/i18n";
import { xmlEscape, type Feed } from "./feeds";

/**
 * A feed's address opened in a browser: a page that says what the address is and how to follow it, with the
 * latest entries, instead of raw XML (which browsers show as a wall of markup or offer to download). Feed
 * readers do not ask for text/html and get the feed itself (app/api/status/respond.ts).
 */
export function renderFeedPage(feed: Feed, locale: Locale, format: "rss" | "atom"): string {
  const t = (k: string, v?: Record<string, string | number>) => translate(locale, k, v);
  const e = xmlEscape;
  const kind = format === "rss" ? "RSS" : "Atom";
  const items = feed.items
    .slice(0, 20)
    .map(
      (i) =>
        `<li><a href="${e(i.link)}">${e(i.title)}</a><br><time datetime="${new Date(i.updated).toISOString()}">${e(formatDateTime(locale, i.updated))}</time></li>`,
    )
    .join("");
  return `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t("status.feedPage.title", { kind, site: feed.title }))}</title>
<meta name="robots" content="noindex">
<style>body{font:16px/1.5 system-ui,sans-serif;color:#0f172a;max-width:42rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.6rem;line-height:1.25}code{display:block;overflow-wrap:anywhere;background:#f1f5f9;border:1px solid #cbd5e1;border-radius:.375rem;padding:.5rem .75rem}a{color:#1e40af}li{margin:.5rem 0}time{color:#334155;font-size:.875rem}</style>
</head><body><main>
<h1>${e(t("status.feedPage.heading", { kind }))}</h1>
<p>${e(t("status.feedPage.what", { kind }))}</p>
<p>${e(t("status.feedPage.how"))}</p>
<code>${e(feed.selfLink)}</code>
<p>${e(t("status.feedPage.email"))} <a href="${e(feed.link)}">${e(t("status.feedPage.back"))}</a></p>
<h2>${e(t("status.feedPage.latest"))}</h2>
${items ? `<ul>${items}</ul>` : `<p>${e(t("status.feedPage.empty"))}</p>`}
</main></body></html>`;
}
