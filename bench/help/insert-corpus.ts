// The generated articles (bench/help-corpus.ts makes them from the real entries), inserted while the app
// is stopped so that its next start indexes them all; and the queries that never repeat, drawn from them.
import fs from "node:fs";
import { openSqlite } from "../db";
import { distinctQueries, distinctWordCount, generateArticles, insertArticles, type SourceArticle } from "../help-corpus";
import { log } from "../report";

export type Corpus = ReturnType<typeof insertCorpus>;

export function insertCorpus(dbFile: string, count: number) {
  const db = openSqlite(dbFile);
  if (db.dialect !== "sqlite") throw new Error("unreachable");
  const sources = db.sqlite
    .prepare("select kind, slug, locale, category, title, summary, tags, body from kb_articles where status = 'published'")
    .all() as SourceArticle[];
  const articles = generateArticles(sources, count);
  const t0 = performance.now();
  insertArticles(db.sqlite, articles);
  const insertMs = Math.round(performance.now() - t0);
  const published = (db.sqlite.prepare("select count(*) as n from kb_articles where status = 'published'").get() as { n: number }).n;
  const bodyWords = articles.map((a) => a.body.split(/\s+/).filter(Boolean).length).sort((a, b) => a - b);
  const corpus = {
    generated: articles.length,
    fromRealEntries: sources.length,
    published,
    bodyWords: { min: bodyWords[0], median: bodyWords[bodyWords.length >> 1], max: bodyWords[bodyWords.length - 1] },
    databaseMb: 0,
  };
  db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  db.sqlite.close();
  corpus.databaseMb = Math.round(fs.statSync(dbFile).size / 2 ** 20);
  // Queries that never repeat (2-3 words of the generated text each), for the uncached search run.
  const uncachedQueries = distinctQueries(articles, 100_000);
  const wordPool = distinctWordCount(articles);
  log(
    `inserted ${articles.length} articles (from ${sources.length} real entries) in ${insertMs} ms; ${published} published; body words ${JSON.stringify(corpus.bodyWords)}`,
  );
  return { corpus, uncachedQueries, wordPool };
}
