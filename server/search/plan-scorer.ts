import "server-only";
import { findWords, type InternalDocumentID, type OramaIndex, type RadixNode, type Relevance } from "./radix";
import { closestSlots, sequencesOf, together, type TokenSequences } from "./proximity";

/**
 * The query-plan scorer of the embedded engine (orama-scorer.ts hands it the plans): slots, one per thing the
 * customer asked about, each with alternatives (the typed word, its synonyms, a phrase as several tokens).
 * - A document's score for a slot is its best alternative's BM25, a synonym's scaled by its weight, plus half of
 *   its other alternatives' (an entry that names the thing in several words is about it).
 * - The rarity of a word is counted over the whole document (the most documents it occurs in in any one field),
 *   so a word that is in nearly every article ("site", "сайт") counts little even in the titles where it is rarer.
 * - A phrase counts as one word where its words stand together, with the phrase's own rarity ("не работает" is
 *   rare where "не" and "работ" are everywhere); its words scattered count for a part of their mean.
 * - Tokens of one or two letters match only themselves ("не" is not the start of "недоступен").
 * - The sum over slots is scaled by the square of the share of slots the document answers (three of three words
 *   beat a high score for one of them), raised when its title says what was asked (an FAQ entry's title is its
 *   question), and, for the best-scored documents, when the words asked stand within a few words of each other.
 */

/** One alternative of a slot: stemmed tokens that must all be in the document, and what a match is worth. */
export interface PlanAlternative {
  tokens: string[];
  weight: number;
}
export interface PlanSlot {
  alts: PlanAlternative[];
}

const PLAN = "\u0003plan:";
export const encodePlan = (slots: PlanSlot[]): string => PLAN + JSON.stringify(slots);
export const isPlan = (term: string): boolean => term.startsWith(PLAN);
export const decodePlan = (term: string): PlanSlot[] => JSON.parse(term.slice(PLAN.length)) as PlanSlot[];

/**
 * BM25 for a word that is present (the index keeps no counts): Orama's own divides by the field's length twice
 * over (its frequency is 1 / length), which lets a three-word FAQ body outweigh an article's title.
 */
function presence(idf: number, length: number, avgLength: number, { k, d }: Relevance): number {
  return (idf * (d + (k + 1))) / (1 + k * (1 - PRESENCE_B + (PRESENCE_B * length) / avgLength));
}
/** Half of Orama's length normalisation (its b is 0.75): tuned on the relevance suite. */
const PRESENCE_B = 0.5;

/** Scores of one token in every searched field, per document: the sum over fields and matching words. */
function scoreToken(
  index: OramaIndex,
  token: string,
  props: string[],
  exact: boolean,
  boost: Partial<Record<string, number>>,
  relevance: Relevance,
  docsCount: number,
  where: Set<InternalDocumentID> | undefined,
  size: number,
): TokenScores {
  // A word of one or two letters ("не", "no") is a whole word, not the start of every word it begins.
  const whole = exact || token.length < MIN_PREFIX;
  const perProp = props.map((prop) => ({ prop, nodes: findWords(index.indexes[prop]!.node as unknown as RadixNode, token, whole) }));
  // A word's rarity over the whole document: the most documents it occurs in, in any one field.
  const df = new Map<string, number>();
  for (const { nodes } of perProp) {
    for (const n of nodes) {
      if (df.has(n.w)) continue;
      let most = 0;
      for (const p of props) most = Math.max(most, index.tokenOccurrences[p]![n.w] ?? 0);
      df.set(n.w, most);
    }
  }
  const scores = new Float64Array(size);
  const ids: InternalDocumentID[] = [];
  const inTitle = new Uint8Array(size);
  let most = 0;
  for (const n of df.values()) most = Math.max(most, n);
  const rarity = df.size ? Math.log(1 + (docsCount - most + 0.5) / (most + 0.5)) : 0;
  for (const { prop, nodes } of perProp) {
    const weight = boost[prop] ?? 1;
    const lengths = index.fieldLengths[prop]!;
    const avgLength = index.avgFieldLength[prop]!;
    const title = prop === TITLE;
    for (const node of nodes) {
      const matching = df.get(node.w)!;
      const idf = Math.log(1 + (docsCount - matching + 0.5) / (matching + 0.5)) * weight;
      for (const id of node.d) {
        if (where && !where.has(id)) continue;
        if (scores[id] === 0) ids.push(id);
        scores[id] += presence(idf, lengths[id] ?? 1, avgLength, relevance);
        if (title) inTitle[id] = 1;
      }
    }
  }
  return { scores, ids, rarity, inTitle, words: [...df.keys()] };
}

/** A token's score per document (by internal id), the documents it has, and how rare it is over whole documents. */
interface TokenScores {
  scores: Float64Array;
  ids: InternalDocumentID[];
  rarity: number;
  /** 1 for the documents with the token in their title (an FAQ entry's title is its question). */
  inTitle: Uint8Array;
  /** The indexed words it matched (itself, or the words it begins). */
  words: string[];
}

const TITLE = "title";
/** The shortest token that also matches the longer words it begins. */
const MIN_PREFIX = 3;
/** A phrase is looked for in the bodies of at most this many entries (in the short fields of any number). */
const PHRASE_BODIES = 1000;
const BODY = "text";
/** With every word required (threshold 0), the share of what was asked (by importance) that an entry must answer. */
const REQUIRED_SHARE = 0.8;
/** What the other alternatives of a slot that a document has add, next to its best one. */
const OTHER_ALTERNATIVES = 0.5;
/** A phrase's words may have this many other words among them ("two-factor" -> "two … factor"). */
const PHRASE_GAP = 1;
/** What a phrase is worth when its words are in the document but not together. */
const PHRASE_APART = 0.3;
/** How much more a document counts when all that was asked stands within NEAR_SPAN words (proportionally less for part). */
const PROXIMITY = 0.5;
const NEAR_SPAN = 8;
/** Proximity is looked at for the best-scored documents only (it can only raise a score, by at most PROXIMITY). */
const NEAR_CANDIDATES = 50;
/** How much more a document counts when its title says all that was asked (proportionally less for part of it). */
const TITLE_COVERAGE = 2;

/** Per document: the sum of its slots' scores, the slots it answers, their importance, and the importance of those in its title. */
interface Totals {
  ids: InternalDocumentID[];
  score: Float64Array;
  slots: Uint8Array;
  says: Float64Array;
  title: Float64Array;
  all: number;
  count: number;
  /** Each slot's importance, and the slot of each token number any of its alternatives matched (proximity.ts). */
  slotSays: number[];
  slotOf: Map<number, number>;
  /** Proximity factors found so far, by document. */
  near: Map<InternalDocumentID, number>;
}

// The engine asks for every word first and for any word when that finds too little: the same plan twice in a
// row, scored once. Only within one engine search: it calls forgetLastPlan when done (the index may change next).
let last: { index: OramaIndex; term: string; where: unknown; exact: boolean; size: number; totals: Totals } | null = null;

export function forgetLastPlan(): void {
  last = null;
}

export function searchPlan(
  index: OramaIndex,
  slots: PlanSlot[],
  props: string[],
  exact: boolean,
  boost: Partial<Record<string, number>>,
  relevance: Relevance,
  docsCount: number,
  where: Set<InternalDocumentID> | undefined,
  threshold: number,
  term: string,
): [InternalDocumentID, number][] {
  if (slots.length === 0) return [];
  const size = index.sharedInternalDocumentStore.internalIdToId.length + 1;
  const reuse = last && last.index === index && last.term === term && last.where === where && last.exact === exact && last.size === size;
  const totals = reuse ? last!.totals : planTotals(index, slots, props, exact, boost, relevance, docsCount, where, size);
  last = { index, term, where, exact, size, totals };
  const out: [InternalDocumentID, number][] = [];
  for (const id of totals.ids) {
    // "Every word" spares the words that say little ("проблемы" in "проблемы со входом в личный кабинет").
    if (threshold === 0 && totals.slots[id]! < totals.count && totals.says[id]! < REQUIRED_SHARE * totals.all) continue;
    const says = totals.says[id]! / totals.all;
    out.push([id, totals.score[id]! * says * says * (1 + (TITLE_COVERAGE * totals.title[id]!) / totals.all)]);
  }
  // Orama sorts what it is given (by score, then id): only the best few need finding here, for proximity.
  if (slots.length < 2 || out.length === 0) return out;
  const scores = new Float64Array(out.length);
  for (let i = 0; i < out.length; i++) scores[i] = out[i]![1];
  const cut = kthLargest(scores, Math.min(NEAR_CANDIDATES, out.length));
  let near = 0;
  for (const hit of out) if (hit[1] >= cut && near++ < NEAR_CANDIDATES) hit[1] *= nearness(index, props, totals, hit[0]);
  return out;
}

/** The k-th largest of `values` (1-based), by selection in place: linear on average, no sort. */
export function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return values[want]!;
  }
  return values[want]!;
}

/** 1 + PROXIMITY times the share of what was asked that stands together in some field of the document. */
function nearness(index: OramaIndex, props: string[], totals: Totals, id: InternalDocumentID): number {
  let factor = totals.near.get(id);
  if (factor !== undefined) return factor;
  const sequences = sequencesOf(index);
  let best = 0;
  const slotOf = (n: number) => totals.slotOf.get(n) ?? -1;
  for (const p of props) {
    const seq = sequences?.get(p, id);
    if (seq) best = Math.max(best, closestSlots(seq, slotOf, totals.slotSays, NEAR_SPAN));
  }
  factor = 1 + (PROXIMITY * best) / totals.all;
  totals.near.set(id, factor);
  return factor;
}

function planTotals(
  index: OramaIndex,
  slots: PlanSlot[],
  props: string[],
  exact: boolean,
  boost: Partial<Record<string, number>>,
  relevance: Relevance,
  docsCount: number,
  where: Set<InternalDocumentID> | undefined,
  size: number,
): Totals {
  // Without a filter, what a token and a phrase score is the same for every query until the index changes.
  const kept = where ? undefined : keptScores(index, size, JSON.stringify([exact, docsCount, props, boost, relevance]));
  const tokenScores = kept?.tokens ?? new Map<string, TokenScores>();
  const scoresOf = (t: string) => {
    let m = tokenScores.get(t);
    if (!m) tokenScores.set(t, (m = scoreToken(index, t, props, exact, boost, relevance, docsCount, where, size)));
    return m;
  };
  const totals: Totals = {
    ids: [],
    score: new Float64Array(size),
    slots: new Uint8Array(size),
    says: new Float64Array(size),
    title: new Float64Array(size),
    all: 0,
    count: slots.length,
    slotSays: [],
    slotOf: new Map(),
    near: new Map(),
  };
  const sequences = sequencesOf(index);
  const numbers = (t: TokenScores) => t.words.map((w) => sequences?.idOf(w)).filter((n) => n !== undefined);
  const best = new Float64Array(size);
  const every = new Float64Array(size);
  const inTitle = new Uint8Array(size);
  for (const [slotIndex, slot] of slots.entries()) {
    // Each document's best alternative, and how much the slot says (its rarest alternative's rarity).
    const touched: InternalDocumentID[] = [];
    let says = 0;
    for (const alt of slot.alts) {
      if (alt.tokens.length === 0) continue;
      const inOrder = alt.tokens.map(scoresOf);
      const scored = [...inOrder].sort((a, b) => a.ids.length - b.ids.length);
      for (const t of inOrder) for (const n of numbers(t)) if (!totals.slotOf.has(n)) totals.slotOf.set(n, slotIndex);
      const phraseKey = alt.tokens.join(" ");
      const phrase =
        inOrder.length < 2 || !sequences
          ? null
          : kept?.phrases.has(phraseKey)
            ? kept.phrases.get(phraseKey)!
            : phraseScores(index, inOrder, numbers, props, boost, relevance, docsCount, sequences);
      if (kept && phrase !== undefined) kept.phrases.set(phraseKey, phrase);
      says = Math.max(says, (phrase?.rarity ?? Math.min(...scored.map((t) => t.rarity))) * alt.weight);
      for (const id of scored[0]!.ids) {
        let sum = 0;
        let titled = 1;
        for (const t of scored) {
          const v = t.scores[id]!;
          if (v === 0) {
            sum = -1;
            break;
          }
          sum += v;
          titled &= t.inTitle[id]!;
        }
        if (sum < 0) continue;
        if (best[id] === 0) touched.push(id);
        const together = phrase?.scores.get(id);
        if (phrase ? phrase.inTitle.has(id) : titled) inTitle[id] = 1;
        // A phrase whose words are in the document but apart counts for a part of its words' mean.
        const score = (together ?? (sum / scored.length) * (phrase ? PHRASE_APART : 1)) * alt.weight;
        if (score > best[id]!) best[id] = score;
        every[id] += score;
      }
    }
    totals.all += says;
    totals.slotSays.push(says);
    for (const id of touched) {
      if (totals.slots[id] === 0) totals.ids.push(id);
      // The best alternative, and a part of the others: an entry that names the thing in several words is about it.
      totals.score[id] += best[id]! + OTHER_ALTERNATIVES * (every[id]! - best[id]!);
      totals.slots[id]++;
      totals.says[id] += says;
      if (inTitle[id]) totals.title[id] += says;
      best[id] = 0;
      every[id] = 0;
      inTitle[id] = 0;
    }
  }
  totals.all ||= 1;
  return totals;
}

type PhraseScores = ReturnType<typeof phraseScores>;
interface KeptScores {
  key: string;
  size: number;
  tokens: Map<string, TokenScores>;
  phrases: Map<string, PhraseScores>;
}
/** About this many bytes of tokens' scores are kept per index (a token's take 9 bytes per document). */
const KEPT_BYTES = 32 * 1024 * 1024;
let keptByIndex = new WeakMap<OramaIndex, KeptScores>();

/** The scores kept for an index, emptied when the index grew, the settings differ, or too many are kept. */
function keptScores(index: OramaIndex, size: number, key: string): KeptScores {
  let kept = keptByIndex.get(index);
  const most = Math.max(16, Math.floor(KEPT_BYTES / (9 * size)));
  if (!kept || kept.key !== key || kept.size !== size || kept.tokens.size > most || kept.phrases.size > most) {
    kept = { key, size, tokens: new Map(), phrases: new Map() };
    keptByIndex.set(index, kept);
  }
  return kept;
}

/** Forgets every kept score: the engine calls it whenever it changes a document of an index in place. */
export function forgetKeptScores(): void {
  keptByIndex = new WeakMap();
}

/**
 * A phrase scored as one word: in the fields of each document where its words stand together (proximity.ts),
 * with the rarity of the phrase itself ("не работает" is rare where "не" and "работ" are everywhere). Null when
 * no document has it together, and the documents' words are scored apart.
 */
let wordTable = new Int32Array(0);

function phraseScores(
  index: OramaIndex,
  words: TokenScores[],
  numbers: (t: TokenScores) => number[],
  props: string[],
  boost: Partial<Record<string, number>>,
  relevance: Relevance,
  docsCount: number,
  sequences: TokenSequences,
): { scores: Map<InternalDocumentID, number>; inTitle: Set<InternalDocumentID>; rarity: number } | null {
  // One table for every phrase (searches run one at a time): -1 everywhere but this phrase's tokens, reset below.
  if (wordTable.length < sequences.size) wordTable = new Int32Array(sequences.size * 2).fill(-1);
  const wordOf = wordTable;
  const set = words.map(numbers);
  set.forEach((list, k) => list.forEach((n) => (wordOf[n] = k)));
  const rarest = words.reduce((a, b) => (a.ids.length <= b.ids.length ? a : b));
  // Reading every body costs too much when the phrase's words are in thousands of entries: then only the short fields.
  const read = rarest.ids.length > PHRASE_BODIES ? props.filter((p) => p !== BODY) : props;
  const fields = new Map<InternalDocumentID, string[]>();
  for (const id of rarest.ids) {
    if (words.some((t) => t.scores[id] === 0)) continue;
    let where: string[] | undefined;
    for (const p of read) {
      const seq = sequences.get(p, id);
      if (seq !== undefined && together(seq, wordOf, words.length, words.length + PHRASE_GAP)) (where ??= []).push(p);
    }
    if (where) fields.set(id, where);
  }
  for (const list of set) for (const n of list) wordOf[n] = -1;
  if (fields.size === 0) return null;
  const rarity = Math.log(1 + (docsCount - fields.size + 0.5) / (fields.size + 0.5));
  const scores = new Map<InternalDocumentID, number>();
  const inTitle = new Set<InternalDocumentID>();
  for (const [id, where] of fields) {
    let sum = 0;
    for (const p of where) sum += presence(rarity * (boost[p] ?? 1), index.fieldLengths[p]![id] ?? 1, index.avgFieldLength[p]!, relevance);
    scores.set(id, sum);
    if (where.includes(TITLE)) inTitle.add(id);
  }
  return { scores, inTitle, rarity };
}
