import "server-only";
import { components, create, insert, type AnyDocument, type AnyOrama, type AnySchema, type IIndex, type Tokenizer } from "@orama/orama";
import { stemmer as ruStemmer } from "@orama/stemmers/russian";
import { stemmer as enStemmer } from "@orama/stemmers/english";
import type { Locale } from "../db/schema";
import { Vocabulary } from "./query-terms";
import { joinWordForms } from "./word-forms";
import { search, type OramaIndex, type RadixNode } from "./orama-scorer";
import { assertOramaInternals, checkScorer } from "./orama-guard";
import { attachSequences, TokenSequences } from "./proximity";

/**
 * Orama's pluggable components, as the embedded engine configures them. Orama 3.1.18 does the indexing
 * (radix trees, BM25 statistics, documents store, where filters, pagination); these replace the parts whose
 * cost grows with the square of something, or that repeat work on every occurrence of a word:
 *
 * - the tokenizer splits like Orama's own (same separators per language, lower case, Snowball stemmer,
 *   diacritics), but normalises each distinct word once instead of stemming every occurrence, and counts the
 *   words it sees while documents are inserted: that count is the typo-correction vocabulary, so the text is
 *   not read a second time for it;
 * - `insertTokenScoreParameters` counted a token's frequency in the document's token list once per token, a
 *   quadratic loop over a list Orama has already de-duplicated (the frequency is always 1/length), and stored
 *   it per token and document: the frequency now comes from the field length at search time;
 * - `search` (orama-scorer.ts): Orama's radix lookup appends each document of a matching word after a linear `Array.includes`
 *   check (quadratic in the word's document count: ~5,000 for a common word of the benchmark corpus) and
 *   allocates a map per document. Ours walks the same radix tree and scores with the same BM25 formula and
 *   boosts in linear time. With `threshold: 0` it scores only the documents that contain every token (in any
 *   of the searched fields; Orama's own asks for every token in one and the same field), found before any
 *   scoring; `threshold: 1` scores every document with at least one token, as Orama does.
 *
 * These read Orama's internal structures (the index store and its radix trees) and rely on how Orama calls its
 * components, neither of which is public API. `createLanguageIndex` checks both (a small probe index the first
 * time, then the store of each new index) and throws if they changed; orama-scorer.test.ts compares the ranking
 * with Orama's own search over the help content.
 */

export { ORAMA_CHECKED, assertOramaInternals, checkScorer } from "./orama-guard";

export const LANGUAGE: Record<Locale, { language: "english" | "russian"; stem: (w: string) => string }> = {
  en: { language: "english", stem: memoStem((w) => joinWordForms("en", w, enStemmer(w))) },
  ru: { language: "russian", stem: memoStem((w) => joinWordForms("ru", w, ruStemmer(w))) },
};

type InternalDocumentID = number;

/** Stemmers cache their answers: a help center's vocabulary is a few thousand words per language. */
export function memoStem(stem: (w: string) => string, max = 200_000): (w: string) => string {
  const cache = new Map<string, string>();
  return (w) => {
    let s = cache.get(w);
    if (s === undefined) {
      if (cache.size >= max) cache.clear();
      s = stem(w);
      cache.set(w, s);
    }
    return s;
  };
}

// Orama's separators for these two languages (components/tokenizer/languages.js): its default drops Cyrillic.
const SPLIT: Record<Locale, RegExp> = {
  en: /[^A-Za-zàèéìòóù0-9_'-]+/gim,
  ru: /[^a-z0-9а-яА-ЯёЁ]+/gim,
};
const VOCABULARY_WORD = /^[\p{L}\p{N}]{3,}$/u;

/** A tokenizer for one language and one index: Orama's normalisation, once per distinct word. */
function createTokenizer(locale: Locale, vocab: Vocabulary, sequences: TokenSequences): Tokenizer & { counting: boolean } {
  const { language, stem } = LANGUAGE[locale];
  const base = components.tokenizer.createTokenizer({ language, stemming: true, stemmer: stem }) as Tokenizer & {
    normalizeToken(prop: string, token: string, withCache?: boolean): string;
  };
  // Each word seen: its token ("" when it has none), and whether it belongs in the vocabulary.
  const words = new Map<string, { token: string; vocab: boolean }>();
  const tokenizer = {
    language,
    normalizationCache: base.normalizationCache,
    counting: false,
    tokenize(raw: string, lang?: string): string[] {
      if (lang && lang !== language) throw new Error(`Language "${lang}" is not supported by this index`);
      if (typeof raw !== "string") return [raw];
      const out = new Set<string>();
      const inOrder: string[] = [];
      for (const w of raw.toLowerCase().split(SPLIT[locale])) {
        if (!w) continue;
        let known = words.get(w);
        if (!known) {
          known = { token: base.normalizeToken("", w, false), vocab: VOCABULARY_WORD.test(w) };
          if (words.size >= 500_000) words.clear();
          words.set(w, known);
        }
        if (tokenizer.counting && known.vocab) vocab.addWord(w);
        if (known.token) {
          out.add(known.token);
          if (tokenizer.counting) inOrder.push(known.token);
        }
      }
      if (tokenizer.counting) sequences.pending = inOrder;
      return [...out];
    },
  };
  return tokenizer;
}

// Orama's own, without the per-document frequency map that nothing reads any more. One value per document and
// field: Orama's default removal subtracts one length per list element, so list fields are refused (createLanguageIndex).
function insertDocumentScoreParameters(index: OramaIndex, prop: string, id: unknown, tokens: string[], docsCount: number): void {
  index.avgFieldLength[prop] = ((index.avgFieldLength[prop] ?? 0) * (docsCount - 1) + tokens.length) / docsCount;
  index.fieldLengths[prop]![id as InternalDocumentID] = tokens.length;
}

function insertTokenScoreParameters(index: OramaIndex, prop: string, _id: unknown, _tokens: string[], token: string): void {
  const occurrences = index.tokenOccurrences[prop]!;
  occurrences[token] = (occurrences[token] ?? 0) + 1;
}

/** Orama's index component with ours (see the top); the fields' tokens in text order are kept for proximity.ts. */
function oramaIndexComponent(sequences: TokenSequences): IIndex<OramaIndex> {
  return {
    ...components.index.createIndex(),
    insertDocumentScoreParameters(index: OramaIndex, prop: string, id: unknown, tokens: string[], docsCount: number) {
      insertDocumentScoreParameters(index, prop, id, tokens, docsCount);
      sequences.record(prop, id as InternalDocumentID);
    },
    insertTokenScoreParameters,
    search,
  } as IIndex<OramaIndex>;
}

let scorerChecked = false;

export interface LanguageIndex {
  orama: AnyOrama;
  /** The words of the inserted text, for typo correction. */
  vocab: Vocabulary;
  /** Inserts with the words counted into the vocabulary. */
  insert(doc: AnyDocument): void;
}

/**
 * A new, empty Orama index for one language, with the schema and components of the embedded engine. Throws if
 * Orama's internals no longer fit the scorer (checked once per process, on a probe index) or if a text field is a list.
 */
export function createLanguageIndex(locale: Locale, schema: AnySchema): LanguageIndex {
  for (const [prop, type] of Object.entries(schema)) {
    if (type === "string[]")
      throw new Error(
        `Search field "${prop}" is a list of strings: the scorer keeps one length per document and field, so index it as one string`,
      );
  }
  if (!scorerChecked) {
    checkScorer((probeSchema) => newLanguageIndex("en", probeSchema));
    scorerChecked = true;
  }
  const index = newLanguageIndex(locale, schema);
  assertOramaInternals(index.orama);
  return index;
}

function newLanguageIndex(locale: Locale, schema: AnySchema): LanguageIndex {
  const vocab = new Vocabulary();
  const sequences = new TokenSequences();
  const tokenizer = createTokenizer(locale, vocab, sequences);
  const orama = create({
    schema,
    sort: { enabled: false },
    components: { tokenizer, index: oramaIndexComponent(sequences) },
  }) as unknown as AnyOrama;
  attachSequences(orama.data.index as object, sequences);
  return {
    orama,
    vocab,
    insert(doc) {
      tokenizer.counting = true;
      try {
        // Synchronous with these components, whatever Orama's types allow.
        void insert(orama, doc);
      } finally {
        tokenizer.counting = false;
      }
    },
  };
}

/** Whether the index has a word that `token` (already stemmed) equals or, unless `exactly`, begins, in any text field. */
export function knowsToken(orama: AnyOrama, token: string, exactly = false): boolean {
  const index = orama.data.index as OramaIndex;
  for (const tree of Object.values(index.indexes)) {
    if (tree.type !== "Radix") continue;
    let node = tree.node as unknown as RadixNode;
    let i = 0;
    while (i < token.length) {
      const child = node.c.get(token[i]!);
      if (!child) break;
      const edge = child.s;
      let j = 0;
      while (j < edge.length && i + j < token.length && edge[j] === token[i + j]) j++;
      if (j < edge.length && i + j < token.length) break;
      node = child;
      i += j;
    }
    if (i >= token.length && (!exactly || (node.w === token && node.e && node.d.size > 0))) return true;
  }
  return false;
}
