import "server-only";
import type { DB } from "../db";
import type { Locale } from "../db/schema";
import { formatDateTime, translate } from "@/lib/i18n";
import { HISTORY_DAYS, findIncidentHistory } from "./find-incidents";
import { findRecentMaintenance } from "./find-maintenance";
import { DAY } from "@/lib/status/uptime";

export interface FeedItem {
  id: string;
  title: string;
  link: string;
  published: number;
  updated: number;
  summary: string;
}

export interface Feed {
  title: string;
  link: string;
  selfLink: string;
  updated: number;
  items: FeedItem[];
}

/** XML 1.0 allows tab, newline and carriage return among the C0 controls, and neither U+FFFE nor U+FFFF. */
function xmlAllows(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
}

/** Escapes text for XML element content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return Array.from(s)
    .filter(xmlAllows)
    .join("")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Incidents of the last 90 days and maintenance announced for them or later, newest change first. */
export async function getStatusFeed(db: DB, opts: { now: number; locale: Locale; base: string; format: "rss" | "atom" }): Promise<Feed> {
  const { now, locale, base } = opts;
  const t = (k: string, v?: Record<string, string | number>) => translate(locale, k, v);
  const prefix = locale === "ru" ? "/ru" : "";
  const [incidents, maintenance] = await Promise.all([
    findIncidentHistory(db, { now, locale, limit: 50 }),
    findRecentMaintenance(db, { now, locale, since: now - HISTORY_DAYS * DAY, limit: 50 }),
  ]);
  const latest = new Map<number, string>();
  if (incidents.items.length) {
    const rows = await db
      .selectFrom("incident_updates")
      .select(["incident_id", "body", "id"])
      .where(
        "incident_id",
        "in",
        incidents.items.map((i) => i.id),
      )
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    for (const r of rows) if (!latest.has(Number(r.incident_id))) latest.set(Number(r.incident_id), r.body);
  }
  const items: FeedItem[] = [
    ...incidents.items.map((i) => ({
      id: `${base}/status/incidents/${i.id}`,
      title: i.title,
      link: `${base}${prefix}/status/incidents/${i.id}`,
      published: i.startedAt,
      updated: i.updatedAt,
      summary: [
        `${t(`status.stage.${i.status}`)} · ${t("status.impact.label", { impact: t(`status.impact.${i.impact}`) })}`,
        i.components.length ? t("status.incident.affected", { names: i.components.map((c) => c.name).join(", ") }) : "",
        latest.get(i.id) ?? "",
      ]
        .filter(Boolean)
        .join("\n"),
    })),
    ...maintenance.map((m) => ({
      id: `${base}/status#maintenance-${m.id}`,
      title: t("status.feed.maintenance", { title: m.title }),
      link: `${base}${prefix}/status#maintenance-${m.id}`,
      published: m.startsAt,
      updated: m.updatedAt,
      summary: [
        `${t(`status.maint.${m.status}`)} · ${t("status.maint.window", { start: formatDateTime(locale, m.startsAt), end: formatDateTime(locale, m.endsAt) })}`,
        m.components.length ? t("status.incident.affected", { names: m.components.map((c) => c.name).join(", ") }) : "",
        m.body,
      ]
        .filter(Boolean)
        .join("\n"),
    })),
  ].sort((a, b) => b.updated - a.updated || b.published - a.published);
  return {
    title: t("status.feed.title", { site: t("meta.siteName") }),
    link: `${base}${prefix}/status`,
    selfLink: `${base}/api/status/feed.${opts.format}${locale === "ru" ? "?lang=ru" : ""}`,
    updated: items.reduce((m, i) => Math.max(m, i.updated), 0) || now,
    items,
  };
}

export function renderRss(feed: Feed, locale: Locale): string {
  const e = xmlEscape;
  const items = feed.items
    .map(
      (i) => `    <item>
      <title>${e(i.title)}</title>
      <link>${e(i.link)}</link>
      <guid isPermaLink="false">${e(i.id)}</guid>
      <pubDate>${new Date(i.published).toUTCString()}</pubDate>
      <description>${e(i.summary)}</description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${e(feed.title)}</title>
    <link>${e(feed.link)}</link>
    <atom:link href="${e(feed.selfLink)}" rel="self" type="application/rss+xml"/>
    <description>${e(feed.title)}</description>
    <language>${locale}</language>
    <lastBuildDate>${new Date(feed.updated).toUTCString()}</lastBuildDate>
${items}
  </channel>
</rss>
`;
}

export function renderAtom(feed: Feed, locale: Locale): string {
  const e = xmlEscape;
  const iso = (ms: number) => new Date(ms).toISOString();
  const entries = feed.items
    .map(
      (i) => `  <entry>
    <id>${e(i.id)}</id>
    <title type="text">${e(i.title)}</title>
    <link rel="alternate" type="text/html" href="${e(i.link)}"/>
    <published>${iso(i.published)}</published>
    <updated>${iso(Math.max(i.updated, i.published))}</updated>
    <summary type="text">${e(i.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${e(feed.link)}</id>
  <title type="text">${e(feed.title)}</title>
  <link rel="alternate" type="text/html" href="${e(feed.link)}"/>
  <link rel="self" type="application/atom+xml" href="${e(feed.selfLink)}"/>
  <updated>${iso(feed.updated)}</updated>
  <author><name>${e(feed.title)}</name></author>
${entries}
</feed>
`;
}
