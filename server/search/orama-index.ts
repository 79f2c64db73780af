import "server-only";
import {
  components,
  create,
  insert,
  search as oramaSearch,
  type AnyDocument,
  type AnyOrama,
  type AnySchema,
  type IIndex,
  type Tokenizer,
} from "@orama/orama";
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
 *   of the searched fields; Orama's own asks for every token in one and the same field), found before any
 *   scoring; `threshold: 1` scores every document with at least one token, as Orama does.
 *
 * These read Orama's internal structures (the index store and its radix trees) and rely on how Orama calls its
 * components, neither of which is public API. `createLanguageIndex` checks both (a small probe index the first
 * time, then the store of each new index) and throws if they changed; orama-scorer.test.ts compares the ranking
 * with Orama's own search over the help content.
 */

/** The @orama/orama release this file was last checked against (orama-internals.test.ts holds it to the installed one). */
export const ORAMA_CHECKED = "3.1.18";

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

const search: IIndex<OramaIndex>["search"] = (
  rawIndex,
  term,
  tokenizer,
  language,
  properties,
  exact,
  _tolerance,
  boost,
  relevance,
  docsCount,
  where,
  threshold = 1,
) => {
  const index = rawIndex as OramaIndex;
  const tokens = tokenizer.tokenize(term, language) as string[];
  if (tokens.length === 0) return [];
  const props = properties.filter((p) => index.indexes[p]?.type === "Radix");
  // For every token, the matching words of every searched field.
  const matches = tokens.map((t) =>
    props.map((prop) => ({ prop, nodes: findWords(index.indexes[prop]!.node as unknown as RadixNode, t, exact) })),
  );

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
  const tokenizer = createTokenizer(locale, vocab);
  const orama = create({
    schema,
    sort: { enabled: false },
    components: { tokenizer, index: oramaIndexComponent() },
  }) as unknown as AnyOrama;
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

// ---- What the scorer assumes of Orama's internals, checked instead of trusted (see the comment at the top).

let scorerChecked = false;

function internalsChanged(expected: string): Error {
  return new Error(
    `Orama internals changed: expected ${expected}; the custom scorer in server/search/orama-index.ts must be revisited (written against @orama/orama ${ORAMA_CHECKED})`,
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Throws unless the parts of Orama's index store that this file reads have the shape it was written for: a
 * renamed field would otherwise make searches find nothing or score with `undefined`. Every text field's radix
 * tree is walked, so this is for a new index (one node per field) or a small one, not for each search.
 */
export function assertOramaInternals(orama: AnyOrama): void {
  const index = (orama as { data?: { index?: unknown } }).data?.index;
  if (!isObject(index)) throw internalsChanged("the index store at orama.data.index");
  for (const key of ["indexes", "tokenOccurrences", "fieldLengths", "avgFieldLength"]) {
    if (!isObject(index[key])) throw internalsChanged(`an object at orama.data.index.${key}`);
  }
  const store = index.sharedInternalDocumentStore;
  if (!isObject(store) || !Array.isArray(store.internalIdToId))
    throw internalsChanged("an array of document ids at orama.data.index.sharedInternalDocumentStore.internalIdToId");
  const { indexes, tokenOccurrences, fieldLengths, avgFieldLength } = index as Record<string, Record<string, unknown>>;
  for (const [prop, tree] of Object.entries(indexes!)) {
    if (!isObject(tree) || typeof tree.type !== "string") throw internalsChanged(`{ type, node } at index.indexes.${prop}`);
    if (tree.type !== "Radix") continue;
    const occurrences = tokenOccurrences![prop];
    const lengths = fieldLengths![prop];
    if (!isObject(occurrences)) throw internalsChanged(`a token -> document count object at index.tokenOccurrences.${prop}`);
    if (!isObject(lengths)) throw internalsChanged(`an internal id -> length object at index.fieldLengths.${prop}`);
    if (!["number", "undefined"].includes(typeof avgFieldLength![prop])) throw internalsChanged(`a number at index.avgFieldLength.${prop}`);
    assertRadixTree(prop, tree.node, store.internalIdToId.length, lengths, occurrences);
  }
}

function assertRadixTree(
  prop: string,
  root: unknown,
  maxId: number,
  lengths: Record<string, unknown>,
  occurrences: Record<string, unknown>,
): void {
  const tree = `the radix tree of "${prop}"`;
  const stack: [unknown, string][] = [[root, ""]];
  while (stack.length) {
    const [node, word] = stack.pop()!;
    if (!isObject(node) || !(node.c instanceof Map) || !(node.d instanceof Set)) {
      throw internalsChanged(`${tree} to keep each node's children in a Map \`c\` and its documents in a Set \`d\``);
    }
    if (typeof node.s !== "string" || typeof node.w !== "string" || typeof node.e !== "boolean") {
      throw internalsChanged(`${tree} to give each node an edge label \`s\`, a word \`w\` and an end flag \`e\``);
    }
    if (node.w !== word)
      throw internalsChanged(`${tree} to hold in \`w\` the parent's word followed by the edge label (\`${word}\`), found \`${node.w}\``);
    for (const id of node.d as Set<unknown>) {
      if (!Number.isInteger(id) || (id as number) < 1 || (id as number) > maxId || typeof lengths[id as number] !== "number") {
        throw internalsChanged(
          `${tree} to list in \`d\` internal document ids (1 to ${maxId}) that have a field length, found ${JSON.stringify(id)}`,
        );
      }
    }
    if (node.e && node.d.size > 0 && occurrences[node.w] !== node.d.size) {
      throw internalsChanged(
        `index.tokenOccurrences.${prop}["${node.w}"] to count the ${node.d.size} documents of its radix node, found ${String(occurrences[node.w])}`,
      );
    }
    for (const [key, child] of node.c as Map<unknown, unknown>) {
      if (!isObject(child) || typeof child.s !== "string" || child.s[0] !== key)
        throw internalsChanged(`${tree} to key each child by the first character of its edge label \`s\``);
      stack.push([child, word + child.s]);
    }
  }
}

/**
 * Builds a small index with `make` (this file's components; English) and checks what Orama stores and what its
 * searches answer through these components: how Orama calls them (internal ids, distinct tokens, the order of
 * the search arguments) is an internal as much as the tree is. Throws at the first difference.
 */
export function checkScorer(make: (schema: AnySchema) => LanguageIndex): void {
  const probe = make({ kind: "enum", title: "string", text: "string" });
  const tokens = (probe.orama.tokenizer.tokenize("Backups restored", "english") as string[]).join(" ");
  if (tokens !== "backup restor") throw internalsChanged(`the tokenizer to stem "Backups restored" to "backup restor", found "${tokens}"`);
  // Ids that are not the internal ones (1, 2, 3), so that using one for the other shows.
  probe.insert({ id: "a", kind: "faq", title: "Nightly backups", text: "Restore a copy from the panel." });
  probe.insert({ id: "b", kind: "article", title: "Restore window", text: "Nightly jobs run at night." });
  probe.insert({ id: "c", kind: "article", title: "Other things", text: "One backup." });
  assertOramaInternals(probe.orama);
  const index = probe.orama.data.index as OramaIndex;
  if (index.fieldLengths.title?.[1] !== 2 || index.avgFieldLength.title !== 2) {
    throw internalsChanged(
      `the score parameters of a new document's 2-word title under its internal id 1 (found ${JSON.stringify(index.fieldLengths.title)}, average ${index.avgFieldLength.title})`,
    );
  }
  const found = (term: string, threshold: 0 | 1, where?: Record<string, unknown>) => {
    const res = oramaSearch(probe.orama, {
      term,
      threshold,
      where: where as never,
      properties: ["title", "text"],
      boost: { title: 3 },
    }) as { hits: { id: string; score: number }[] };
    if (res.hits.some((h) => !Number.isFinite(h.score) || h.score <= 0))
      throw internalsChanged(`positive scores from a probe search for "${term}", found ${res.hits.map((h) => h.score).join(", ")}`);
    return res.hits.map((h) => h.id).join(" ");
  };
  const expectFound = (what: string, actual: string, expected: string) => {
    if (actual !== expected) throw internalsChanged(`a probe search for ${what} to find "${expected}", found "${actual}"`);
  };
  // "a" has the word in its title, boosted, "c" in its text.
  expectFound(`"backup"`, found("backup", 1), "a c");
  expectFound(`"backup" in articles`, found("backup", 1, { kind: { eq: "article" } }), "c");
  // Every word required (threshold 0), in any field; then any word (threshold 1).
  expectFound(`"nightly restore" with every word`, found("nightly restore", 0).split(" ").sort().join(" "), "a b");
  expectFound(`"backup window" with every word`, found("backup window", 0), "");
  expectFound(`"backup window" with any word`, found("backup window", 1).split(" ").sort().join(" "), "a b c");
}
