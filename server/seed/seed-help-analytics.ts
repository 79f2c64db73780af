import "server-only";
import type { DB } from "../db";
import type { Insertable } from "kysely";
import type { KbDeflectionsTable, KbFeedbackTable, KbSearchLogTable, Locale } from "../db/schema";
import { normalizeQuery } from "../kb/analytics";
import { prng } from "@/lib/prng";
import { transact } from "../db/transact";

const DAY = 24 * 60 * 60 * 1000;

/** What visitors searched for over the last month: query, how often, and how many of those searches ended in a ticket. */
const SEARCHES: { locale: Locale; query: string; times: number; thenTicket: number }[] = [
  { locale: "en", query: "reset password", times: 38, thenTicket: 2 },
  { locale: "en", query: "backup", times: 31, thenTicket: 1 },
  { locale: "en", query: "restore backup", times: 22, thenTicket: 4 },
  { locale: "en", query: "ssl certificate", times: 19, thenTicket: 2 },
  { locale: "en", query: "two-factor", times: 17, thenTicket: 1 },
  { locale: "en", query: "sla response time", times: 15, thenTicket: 0 },
  { locale: "en", query: "email not delivered", times: 14, thenTicket: 5 },
  { locale: "en", query: "maintenance window", times: 11, thenTicket: 0 },
  { locale: "en", query: "site is slow", times: 10, thenTicket: 3 },
  { locale: "en", query: "report an incident", times: 9, thenTicket: 1 },
  { locale: "en", query: "status page", times: 8, thenTicket: 0 },
  { locale: "en", query: "pasword reset", times: 5, thenTicket: 0 },
  { locale: "en", query: "plugin update broke site", times: 6, thenTicket: 2 },
  { locale: "en", query: "terraform provider", times: 4, thenTicket: 1 },
  { locale: "en", query: "kubernetes ingress", times: 3, thenTicket: 1 },
  { locale: "en", query: "invoice vat number", times: 5, thenTicket: 3 },
  { locale: "ru", query: "восстановить пароль", times: 27, thenTicket: 1 },
  { locale: "ru", query: "резервная копия", times: 24, thenTicket: 2 },
  { locale: "ru", query: "сертификат ssl", times: 13, thenTicket: 1 },
  { locale: "ru", query: "письма не доходят", times: 12, thenTicket: 4 },
  { locale: "ru", query: "двухфакторная аутентификация", times: 11, thenTicket: 0 },
  { locale: "ru", query: "плановые работы", times: 8, thenTicket: 0 },
  { locale: "ru", query: "сайт тормозит", times: 9, thenTicket: 3 },
  { locale: "ru", query: "страница статуса", times: 6, thenTicket: 0 },
  { locale: "ru", query: "вастановить копию", times: 3, thenTicket: 0 },
  { locale: "ru", query: "выгрузка в 1с", times: 5, thenTicket: 3 },
  { locale: "ru", query: "счёт для юрлица", times: 4, thenTicket: 2 },
];

const REASONS = ["unclear", "incomplete", "outdated", "wrong_topic", "other"] as const;
const COMMENTS: Record<Locale, string[]> = {
  en: [
    "Doesn't say how long I have to wait after asking.",
    "The screenshots show an older version of the panel.",
    "I needed the steps for a staging site, not production.",
    "Which plan includes this?",
  ],
  ru: [
    "Не сказано, сколько ждать после запроса.",
    "На скриншотах старая версия панели.",
    "Нужна инструкция для тестового стенда.",
    "На каком тарифе это доступно?",
  ],
};

/**
 * A month of help-center use for the analytics page: searches (with what they found, counted by the real
 * engine through `countResults`), content gaps, "was this helpful?" answers with reasons, and suggestions
 * opened while writing a ticket. Written as history, like the rest of the demo; does nothing when the
 * search log already has rows or nothing is published.
 */
export async function seedHelpAnalyticsDemo(
  db: DB,
  opts: { now: number; countResults: (query: string, locale: Locale) => Promise<number> },
): Promise<void> {
  if (await db.selectFrom("kb_search_log").select("id").limit(1).executeTakeFirst()) return;
  const articles = await db
    .selectFrom("kb_articles")
    .select(["id", "locale"])
    .where("status", "=", "published")
    .where("kind", "=", "article")
    .orderBy("id")
    .execute();
  if (articles.length === 0) return;
  const rnd = prng(20261127);
  const when = () => opts.now - Math.floor(rnd() * 30 * DAY) - 60_000;
  const visitor = () => `demo-${Math.floor(rnd() * 1e9).toString(36)}`;

  const searches: Insertable<KbSearchLogTable>[] = [];
  for (const s of SEARCHES) {
    const results = await opts.countResults(s.query, s.locale);
    for (let i = 0; i < s.times; i++) {
      searches.push({
        query: normalizeQuery(s.query),
        locale: s.locale,
        results,
        visitor: visitor(),
        ticket_after: i < s.thenTicket ? 1 : 0,
        created_at: when(),
      });
    }
  }

  const feedback: Insertable<KbFeedbackTable>[] = [];
  for (const a of articles) {
    const answers = 3 + Math.floor(rnd() * 25);
    const helpfulShare = 0.55 + rnd() * 0.4;
    for (let i = 0; i < answers; i++) {
      const helpful = rnd() < helpfulShare;
      const reason = helpful ? null : REASONS[Math.floor(rnd() * REASONS.length)]!;
      const comments = COMMENTS[a.locale];
      const comment = !helpful && rnd() < 0.3 ? comments[Math.floor(rnd() * comments.length)]! : null;
      feedback.push({ article_id: Number(a.id), helpful: helpful ? 1 : 0, reason, comment, created_at: when() });
    }
  }

  const deflections: Insertable<KbDeflectionsTable>[] = [];
  for (let i = 0; i < 46; i++) {
    const a = articles[Math.floor(rnd() * articles.length)]!;
    deflections.push({ visitor: visitor(), article_id: Number(a.id), ticket_filed: rnd() < 0.3 ? 1 : 0, created_at: when() });
  }

  await transact(db, async (trx) => {
    for (let i = 0; i < searches.length; i += 200)
      await trx
        .insertInto("kb_search_log")
        .values(searches.slice(i, i + 200))
        .execute();
    for (let i = 0; i < feedback.length; i += 200)
      await trx
        .insertInto("kb_feedback")
        .values(feedback.slice(i, i + 200))
        .execute();
    await trx.insertInto("kb_deflections").values(deflections).execute();
  });
}
