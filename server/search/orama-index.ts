import { components, create, insert, type AnyDocument, type AnyOrama, type AnySchema, type IIndex, type Tokenizer } from "@orama/orama";
import { stemmer as ruStemmer } from "@orama/stemmers/russian";
import { stemmer as enStemmer } from "@orama/stemmers/english";
import type { Locale } from "../db/schema";
import { Vocabulary } from "./query-terms";

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
 * - `search`: Orama's radix lookup appends each document of a matching word after a linear `Array.includes`
 *   check (quadratic in the word's document count: ~5,000 for a common word of the benchmark corpus) and
 *   allocates a map per document. Ours walks the same radix tree and scores with the same BM25 formula and
 *   boosts in linear time. With `threshold: 0` it scores only the documents that contain every token (in any
 *   of the searched fields), found before any scoring; `threshold: 1` scores every document with at least one
 *   token, as Orama does.
 */

export const LANGUAGE: Record<Locale, { language: "english" | "russian"; stem: (w: string) => string }> = {
  en: { language: "english", stem: memoStem(enStemmer) },
  ru: { language: "russian", stem: memoStem(ruStemmer) },
};

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
function createTokenizer(locale: Locale, vocab: Vocabulary): Tokenizer & { counting: boolean } {
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
      for (const w of raw.toLowerCase().split(SPLIT[locale])) {
        if (!w) continue;
        let known = words.get(w);
        if (!known) {
          known = { token: base.normalizeToken("", w, false), vocab: VOCABULARY_WORD.test(w) };
          if (words.size >= 500_000) words.clear();
          words.set(w, known);
        }
        if (tokenizer.counting && known.vocab) vocab.addWord(w);
        if (known.token) out.add(known.token);
      }
      return [...out];
    },
  };
  return tokenizer;
}

type OramaIndex = components.index.Index;
type InternalDocumentID = number;
interface RadixNode {
  w: string;
  s: string;
  e: boolean;
  c: Map<string, RadixNode>;
  d: Set<InternalDocumentID>;
}

/** The indexed words that `token` matches: itself and the words it is a prefix of (Orama's default), or only itself. */
function findWords(root: RadixNode, token: string, exact: boolean): RadixNode[] {
  let node = root;
  let i = 0;
  while (i < token.length) {
    const child = node.c.get(token[i]!);
    if (!child) return [];
    const edge = child.s;
    let j = 0;
    while (j < edge.length && i + j < token.length && edge[j] === token[i + j]) j++;
    if (j < edge.length && i + j < token.length) return [];
    node = child;
    i += j;
  }
  const out: RadixNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.e && n.d.size > 0 && (!exact || n.w === token)) out.push(n);
    if (!exact) for (const c of n.c.values()) stack.push(c);
  }
  return out;
}

const search: IIndex<OramaIndex>["search"] = (rawIndex, term, tokenizer, language, properties, exact, _tolerance, boost, relevance, docsCount, where, threshold = 1) => {
  const index = rawIndex as OramaIndex;
  const tokens = tokenizer.tokenize(term, language) as string[];
  if (tokens.length === 0) return [];
  const props = properties.filter((p) => index.indexes[p]?.type === "Radix");
  // For every token, the matching words of every searched field.
  const matches = tokens.map((t) => props.map((prop) => ({ prop, nodes: findWords(index.indexes[prop]!.node as unknown as RadixNode, t, exact) })));

  // Every token required: the documents that have each token somewhere, found from the rarest token on.
  let only: Set<InternalDocumentID> | undefined;
  if (threshold === 0 && tokens.length > 1) {
    const size = (m: (typeof matches)[number]) => m.reduce((a, f) => a + f.nodes.reduce((b, n) => b + n.d.size, 0), 0);
    const order = matches.map((m) => ({ m, n: size(m) })).sort((a, b) => a.n - b.n);
    only = new Set();
    for (const f of order[0]!.m) for (const n of f.nodes) for (const id of n.d) if (!where || where.has(id)) only.add(id);
    for (const { m } of order.slice(1)) {
      for (const id of only) {
        if (!m.some((f) => f.nodes.some((n) => n.d.has(id)))) only.delete(id);
      }
      if (only.size === 0) return [];
    }
  }

  // BM25 per word, field and document, as Orama computes it (its token frequency is 1 / field length).
  const { k, b, d } = relevance;
  const scores = new Float64Array(index.sharedInternalDocumentStore.internalIdToId.length + 1);
  const hit: InternalDocumentID[] = [];
  for (const prop of props) {
    const weight = (boost as Record<string, number>)[prop] ?? 1;
    const occurrences = index.tokenOccurrences[prop]!;
    const lengths = index.fieldLengths[prop]!;
    const avgLength = index.avgFieldLength[prop]!;
    for (const perToken of matches) {
      for (const node of perToken.find((f) => f.prop === prop)!.nodes) {
        const matching = occurrences[node.w] ?? 0;
        const idf = Math.log(1 + (docsCount - matching + 0.5) / (matching + 0.5)) * weight;
        const add = (id: InternalDocumentID) => {
          const length = lengths[id] ?? 1;
          const tf = 1 / length;
          if (scores[id] === 0) hit.push(id);
          scores[id] += (idf * (d + tf * (k + 1))) / (tf + k * (1 - b + (b * length) / avgLength));
        };
        if (only && only.size < node.d.size) {
          for (const id of only) if (node.d.has(id)) add(id);
        } else {
          for (const id of node.d) if ((!only || only.has(id)) && (!where || where.has(id))) add(id);
        }
      }
    }
  }
  return hit.map((id): [InternalDocumentID, number] => [id, scores[id]!]).sort((x, y) => y[1] - x[1]);
};

function insertDocumentScoreParameters(index: OramaIndex, prop: string, id: unknown, tokens: string[], docsCount: number): void {
  const internalId = id as InternalDocumentID;
  const lengths = index.fieldLengths[prop]!;
  // A list field (tags) comes one element at a time: its length is the sum of its elements' lengths.
  const before = lengths[internalId];
  const avg = index.avgFieldLength[prop] ?? 0;
  index.avgFieldLength[prop] = before === undefined ? (avg * (docsCount - 1) + tokens.length) / docsCount : avg + tokens.length / docsCount;
  lengths[internalId] = (before ?? 0) + tokens.length;
}

function insertTokenScoreParameters(index: OramaIndex, prop: string, _id: unknown, _tokens: string[], token: string): void {
  const occurrences = index.tokenOccurrences[prop]!;
  occurrences[token] = (occurrences[token] ?? 0) + 1;
}

function oramaIndexComponent(): IIndex<OramaIndex> {
  return { ...components.index.createIndex(), insertDocumentScoreParameters, insertTokenScoreParameters, search } as IIndex<OramaIndex>;
}

export interface LanguageIndex {
  orama: AnyOrama;
  /** The words of the inserted text, for typo correction. */
  vocab: Vocabulary;
  /** Inserts with the words counted into the vocabulary. */
  insert(doc: AnyDocument): void;
}

/** A new, empty Orama index for one language, with the schema and components of the embedded engine. */
export function createLanguageIndex(locale: Locale, schema: AnySchema): LanguageIndex {
  const vocab = new Vocabulary();
  const tokenizer = createTokenizer(locale, vocab);
  const orama = create({ schema, sort: { enabled: false }, components: { tokenizer, index: oramaIndexComponent() } }) as unknown as AnyOrama;
  return {
    orama,
    vocab,
    insert(doc) {
      tokenizer.counting = true;
      try {
        insert(orama, doc);
      } finally {
        tokenizer.counting = false;
      }
    },
  };
}

/** Whether the index has a word that `token` (already stemmed) equals or begins, in any text field. */
export function knowsToken(orama: AnyOrama, token: string): boolean {
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
    if (i >= token.length) return true;
  }
  return false;
}
