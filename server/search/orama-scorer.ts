import "server-only";
import type { components, IIndex } from "@orama/orama";

/**
 * The `search` of the embedded engine's Orama index component (orama-index.ts), reading Orama's index store
 * (radix trees, token occurrences, field lengths): not public API, so orama-guard.ts checks its shape and
 * orama-scorer.test.ts holds the plain path to Orama's own ranking.
 *
 * Two kinds of term reach it:
 * - a plain term (Orama's probe, the comparison test): its tokens scored with Orama's BM25 and boosts exactly;
 * - a query plan (`encodePlan`, built by query-plan.ts): slots, one per thing the customer asked about, each with
 *   alternatives (the typed word, its synonyms, a phrase as several tokens). A document's score for a slot is
 *   its best alternative's BM25, a synonym's scaled by its weight; the rarity of a word is counted over the
 *   whole document (the most documents it occurs in in any one field), so a word that is in nearly every
 *   article ("site", "сайт") counts little even in the titles where it is rarer; and the sum over slots is
 *   scaled by the square of the share of slots the document answers, so answering three of three words beats
 *   a high score for one of them.
 */

export type OramaIndex = components.index.Index;
type InternalDocumentID = number;
export interface RadixNode {
  w: string;
  s: string;
  e: boolean;
  c: Map<string, RadixNode>;
  d: Set<InternalDocumentID>;
}

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

/** The indexed words that `token` matches: itself and the words it is a prefix of (Orama's default), or only itself. */
export function findWords(root: RadixNode, token: string, exact: boolean): RadixNode[] {
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

type Search = IIndex<OramaIndex>["search"];
type Relevance = Parameters<Search>[8];

/** BM25 of one word in one field of one document, as Orama computes it (its token frequency is 1 / field length). */
function bm25(idf: number, length: number, avgLength: number, { k, b, d }: Relevance): number {
  const tf = 1 / length;
  return (idf * (d + tf * (k + 1))) / (tf + k * (1 - b + (b * length) / avgLength));
}

/**
 * BM25 for a word that is present (the index keeps no counts): Orama's own divides by the field's length twice
 * over (its frequency is 1 / length), which lets a three-word FAQ body outweigh an article's title.
 */
function presence(idf: number, length: number, avgLength: number, { k, d }: Relevance): number {
  return (idf * (d + (k + 1))) / (1 + k * (1 - PRESENCE_B + (PRESENCE_B * length) / avgLength));
}
/** Half of Orama's length normalisation (its b is 0.75): tuned on the relevance suite. */
const PRESENCE_B = 0.5;

export const search: Search = (
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
  const props = properties.filter((p) => index.indexes[p]?.type === "Radix");
  if (isPlan(term)) return searchPlan(index, decodePlan(term), props, exact, boost, relevance, docsCount, where, threshold, term);
  const tokens = tokenizer.tokenize(term, language) as string[];
  if (tokens.length === 0) return [];
  return searchPlain(index, tokens, props, exact, boost, relevance, docsCount, where, threshold);
};

function searchPlain(
  index: OramaIndex,
  tokens: string[],
  props: string[],
  exact: boolean,
  boost: Partial<Record<string, number>>,
  relevance: Relevance,
  docsCount: number,
  where: Set<InternalDocumentID> | undefined,
  threshold: number,
): [InternalDocumentID, number][] {
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
  const scores = new Float64Array(index.sharedInternalDocumentStore.internalIdToId.length + 1);
  const hit: InternalDocumentID[] = [];
  for (const prop of props) {
    const weight = boost[prop] ?? 1;
    const occurrences = index.tokenOccurrences[prop]!;
    const lengths = index.fieldLengths[prop]!;
    const avgLength = index.avgFieldLength[prop]!;
    for (const perToken of matches) {
      for (const node of perToken.find((f) => f.prop === prop)!.nodes) {
        const matching = occurrences[node.w] ?? 0;
        const idf = Math.log(1 + (docsCount - matching + 0.5) / (matching + 0.5)) * weight;
        const add = (id: InternalDocumentID) => {
          if (scores[id] === 0) hit.push(id);
          scores[id] += bm25(idf, lengths[id] ?? 1, avgLength, relevance);
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
}

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
  const perProp = props.map((prop) => ({ prop, nodes: findWords(index.indexes[prop]!.node as unknown as RadixNode, token, exact) }));
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
  return { scores, ids, rarity, inTitle };
}

/** A token's score per document (by internal id), the documents it has, and how rare it is over whole documents. */
interface TokenScores {
  scores: Float64Array;
  ids: InternalDocumentID[];
  rarity: number;
  /** 1 for the documents with the token in their title (an FAQ entry's title is its question). */
  inTitle: Uint8Array;
}

const TITLE = "title";
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
}

// The engine asks for every word first and for any word when that finds too little: the same plan twice in a
// row, scored once. Only within one engine search: it calls forgetLastPlan when done (the index may change next).
let last: { index: OramaIndex; term: string; where: unknown; exact: boolean; size: number; totals: Totals } | null = null;

export function forgetLastPlan(): void {
  last = null;
}

function searchPlan(
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
    if (threshold === 0 && totals.slots[id]! < totals.count) continue;
    const says = totals.says[id]! / totals.all;
    out.push([id, totals.score[id]! * says * says * (1 + (TITLE_COVERAGE * totals.title[id]!) / totals.all)]);
  }
  return out.sort((x, y) => y[1] - x[1]);
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
  const tokenScores = new Map<string, TokenScores>();
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
  };
  const best = new Float64Array(size);
  const inTitle = new Uint8Array(size);
  for (const slot of slots) {
    // Each document's best alternative, and how much the slot says (its rarest alternative's rarity).
    const touched: InternalDocumentID[] = [];
    let says = 0;
    for (const alt of slot.alts) {
      if (alt.tokens.length === 0) continue;
      const scored = alt.tokens.map(scoresOf).sort((a, b) => a.ids.length - b.ids.length);
      says = Math.max(says, Math.min(...scored.map((t) => t.rarity)));
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
        if (titled) inTitle[id] = 1;
        const score = sum * alt.weight;
        if (score > best[id]!) best[id] = score;
      }
    }
    totals.all += says;
    for (const id of touched) {
      if (totals.slots[id] === 0) totals.ids.push(id);
      totals.score[id] += best[id]!;
      totals.slots[id]++;
      totals.says[id] += says;
      if (inTitle[id]) totals.title[id] += says;
      best[id] = 0;
      inTitle[id] = 0;
    }
  }
  totals.all ||= 1;
  return totals;
}
