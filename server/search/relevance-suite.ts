import "server-only";
import fs from "node:fs";
import path from "node:path";
import { readContentDir } from "../kb/content-files";
import { markdownToText } from "../kb/markdown";
import type { Locale } from "../db/schema";
import type { SearchDoc, SearchEngine } from "./engine";

/** One question of the relevance suite: what a customer typed, and the entries (any of them) that answer it. */
export interface RelevanceCase {
  q: string;
  locale: Locale;
  expect: string[];
}

export interface LocaleScore {
  locale: Locale;
  questions: number;
  top1: number;
  top3: number;
  mrr: number;
  misses: string[];
  /** The questions answered second or third, with what came first. */
  seconds: string[];
}

/** The help content of a content folder as search documents, numbered in path order. */
export async function loadContentDocs(contentDir: string): Promise<SearchDoc[]> {
  const { files, errors } = await readContentDir(contentDir);
  if (errors.length) throw new Error(`content does not parse: ${errors.map((e) => e.message).join("; ")}`);
  return files.map((f, i) => ({
    id: i + 1,
    slug: f.fields.slug,
    kind: f.fields.kind,
    locale: f.fields.locale,
    category: f.fields.category,
    title: f.fields.title,
    summary: f.fields.summary,
    tags: f.fields.tags,
    text: markdownToText(f.fields.body),
    updatedAt: 0,
  }));
}

/** The suite in `dir`/<locale>.json: `[{ q, expect: slug | slug[] }]`. */
export function loadSuite(dir: string): RelevanceCase[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^(en|ru)\.json$/.test(f))
    .flatMap((f) => {
      const locale = f.slice(0, 2) as Locale;
      const rows = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { q: string; expect: string | string[] }[];
      return rows.map((r) => ({ q: r.q, locale, expect: Array.isArray(r.expect) ? r.expect : [r.expect] }));
    });
}

/** Top-1, top-3 and mean reciprocal rank (over the first 10 results) per locale, with the questions that missed the top 3. */
export async function scoreSuite(engine: SearchEngine, cases: RelevanceCase[]): Promise<LocaleScore[]> {
  const out = new Map<Locale, LocaleScore>();
  for (const c of cases) {
    const s = out.get(c.locale) ?? { locale: c.locale, questions: 0, top1: 0, top3: 0, mrr: 0, misses: [], seconds: [] };
    out.set(c.locale, s);
    const res = await engine.search({ q: c.q, locale: c.locale, limit: 10, offset: 0 });
    const rank = res.hits.findIndex((h) => c.expect.includes(h.slug)) + 1;
    s.questions++;
    if (rank === 1) s.top1++;
    if (rank >= 1 && rank <= 3) s.top3++;
    if (rank >= 1) s.mrr += 1 / rank;
    if (rank === 2 || rank === 3) s.seconds.push(`"${c.q}" -> ${res.hits[0]!.slug} (wanted ${c.expect.join(" or ")}, found at ${rank})`);
    if (rank < 1 || rank > 3) {
      const got =
        res.hits
          .slice(0, 3)
          .map((h) => h.slug)
          .join(", ") || "nothing";
      s.misses.push(`"${c.q}" -> ${got} (wanted ${c.expect.join(" or ")}${rank ? `, found at ${rank}` : ""})`);
    }
  }
  return [...out.values()].map((s) => ({ ...s, top1: s.top1 / s.questions, top3: s.top3 / s.questions, mrr: s.mrr / s.questions }));
}
