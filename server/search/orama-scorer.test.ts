import fs from "node:fs";
import path from "node:path";
import { count, create, insert, remove, search, type AnyOrama } from "@orama/orama";
import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../db/schema";
import type { SearchDoc } from "./engine";
import { loadContentDocs } from "./relevance-suite";
import { BOOST, PROPERTIES, SCHEMA, queryTerm, toRecord } from "./orama-engine";
import { createLanguageIndex, LANGUAGE, type LanguageIndex } from "./orama-index";

// The relevance set and the help content, read as relevance.test.ts reads them.
const relevanceDir = path.join(import.meta.dirname, "../../tests/relevance");
const cases = fs
  .readdirSync(relevanceDir)
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(relevanceDir, f), "utf8")) as { q: string; locale: Locale }[]);

async function helpContent(): Promise<SearchDoc[]> {
  return loadContentDocs(path.join(import.meta.dirname, "../../content"));
}

/** Orama as it comes: its own index component (radix lookup, BM25, search), with the tokenizer configured as ours. */
function oramaDefault(locale: Locale): AnyOrama {
  const { language, stem } = LANGUAGE[locale];
  return create({
    schema: SCHEMA,
    sort: { enabled: false },
    components: { tokenizer: { language, stemming: true, stemmer: stem } },
  }) as unknown as AnyOrama;
}

type Hit = { id: string; score: number };
type Where = Record<string, unknown> | undefined;
const find = (orama: AnyOrama, term: string, threshold: number, where: Where, limit = 10) =>
  search(orama, { term, threshold, where: where as never, properties: PROPERTIES, boost: BOOST, limit }) as unknown as {
    count: number;
    hits: Hit[];
  };

/**
 * Every word required, the other way: Orama's `threshold: 0` keeps only documents that have every word in one
 * and the same field (and counts a word twice when it is the start of two indexed words), where ours asks for
 * every word anywhere in the searched fields (orama-index.ts, on purpose: a title word plus a text word is a
 * match). So Orama's side is its any-word search, kept to the documents that its one-word searches find for
 * every word of the term: the same set of documents as ours, each with the score Orama gives it.
 */
function oramaEveryWord(orama: AnyOrama, locale: Locale, term: string, where: Where): { count: number; hits: Hit[] } {
  const all = count(orama);
  const words = term.split(" ").filter((w) => (orama.tokenizer.tokenize(w, LANGUAGE[locale].language) as string[]).length > 0);
  // One word, one token: otherwise a one-word search would itself be an any-token search.
  for (const w of words) expect(orama.tokenizer.tokenize(w, LANGUAGE[locale].language), w).toHaveLength(1);
  const withWord = words.map((w) => new Set(find(orama, w, 1, where, all).hits.map((h) => h.id)));
  const hits = find(orama, term, 1, where, all).hits.filter((h) => withWord.every((ids) => ids.has(h.id)));
  return { count: hits.length, hits };
}

/**
 * The number of documents found and the first three, with their scores to 10 significant digits: the two sides
 * add the same terms in a slightly different order, so a tie on one side can be one unit of the last bit apart
 * on the other. Equal rounded scores fall back to Orama's own tie order, the document's insertion order.
 */
function ranking(res: { count: number; hits: Hit[] }): string {
  const top = res.hits
    .map((h) => ({ id: h.id, score: Number(h.score.toPrecision(10)) }))
    .sort((a, b) => b.score - a.score || Number(a.id) - Number(b.id))
    .slice(0, 3);
  return `${res.count} found: ${top.map((h) => `${h.id} (${h.score})`).join(", ")}`;
}

const FILTERS: [string, Where][] = [
  ["", undefined],
  [", FAQ only", { kind: { eq: "faq" } }],
];

describe("the custom scorer against Orama's own, over the help content and the relevance queries", () => {
  let docs: SearchDoc[];
  const ours = {} as Record<Locale, LanguageIndex>;
  const orama = {} as Record<Locale, AnyOrama>;
  beforeAll(async () => {
    docs = await helpContent();
    for (const locale of ["en", "ru"] as const) {
      ours[locale] = createLanguageIndex(locale, SCHEMA);
      orama[locale] = oramaDefault(locale);
      for (const d of docs.filter((d) => d.locale === locale)) {
        ours[locale].insert(toRecord(d));
        void insert(orama[locale], toRecord(d));
      }
    }
  });

  it("has the relevance queries of both languages to compare", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.locale))).toEqual(new Set(["en", "ru"]));
  });

  it("finds the same documents and ranks the first three the same, with the same scores, for every query", () => {
    const differences: string[] = [];
    let compared = 0;
    for (const { q, locale } of cases) {
      const term = queryTerm(ours[locale], locale, q);
      expect(find(ours[locale].orama, term, 1, undefined).count, `${locale} "${q}" finds nothing`).toBeGreaterThan(0);
      for (const [filter, where] of FILTERS) {
        const pairs: [string, string, string][] = [
          ["any word", ranking(find(ours[locale].orama, term, 1, where)), ranking(find(orama[locale], term, 1, where))],
          ["every word", ranking(find(ours[locale].orama, term, 0, where)), ranking(oramaEveryWord(orama[locale], locale, term, where))],
        ];
        for (const [mode, mine, theirs] of pairs) {
          compared++;
          if (mine !== theirs)
            differences.push(`${locale} "${q}" (as "${term}", ${mode}${filter}):\n    ours:  ${mine}\n    Orama: ${theirs}`);
        }
      }
    }
    expect(compared).toBe(cases.length * 4);
    expect(differences, differences.join("\n")).toEqual([]);
  });

  it("keeps a fresh build's statistics when entries are removed and inserted again, as an edit does", () => {
    const locale = "en";
    const edited = createLanguageIndex(locale, SCHEMA);
    const mine = docs.filter((d) => d.locale === locale);
    for (const d of mine) edited.insert(toRecord(d));
    for (const d of mine.slice(0, 10)) {
      void remove(edited.orama, String(d.id));
      edited.insert(toRecord(d));
    }
    for (const { q } of cases.filter((c) => c.locale === locale)) {
      const term = queryTerm(ours[locale], locale, q);
      for (const threshold of [0, 1])
        expect(ranking(find(edited.orama, term, threshold, undefined)), q).toBe(
          ranking(find(ours[locale].orama, term, threshold, undefined)),
        );
    }
  });
});
