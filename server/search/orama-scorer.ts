import "server-only";
import { findWords, type InternalDocumentID, type OramaIndex, type RadixNode, type Relevance, type Search } from "./radix";
import { decodePlan, isPlan, searchPlan } from "./plan-scorer";

export type { OramaIndex, RadixNode } from "./radix";

/**
 * The `search` of the embedded engine's Orama index component (orama-index.ts), reading Orama's index store
 * (radix trees, token occurrences, field lengths): not public API, so orama-guard.ts checks its shape and
 * orama-scorer.test.ts holds the plain path to Orama's own ranking.
 *
 * Two kinds of term reach it:
 * - a plain term (Orama's probe, the comparison test): its tokens scored with Orama's BM25 and boosts exactly;
 * - a query plan (`encodePlan`, built by query-plan.ts): scored by plan-scorer.ts, over the same store, with the
 *   token positions that proximity.ts keeps beside it.
 */

/** BM25 of one word in one field of one document, as Orama computes it (its token frequency is 1 / field length). */
function bm25(idf: number, length: number, avgLength: number, { k, b, d }: Relevance): number {
  const tf = 1 / length;
  return (idf * (d + tf * (k + 1))) / (tf + k * (1 - b + (b * length) / avgLength));
}

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
