import "server-only";
import type { components, IIndex } from "@orama/orama";

/** Orama's index store and radix tree nodes, as the scorers read them (not public API: orama-guard.ts checks them). */
export type OramaIndex = components.index.Index;
export type InternalDocumentID = number;
export interface RadixNode {
  w: string;
  s: string;
  e: boolean;
  c: Map<string, RadixNode>;
  d: Set<InternalDocumentID>;
}

/** The signature of an Orama index component's `search`, and its BM25 parameters. */
export type Search = IIndex<OramaIndex>["search"];
export type Relevance = Parameters<Search>[8];

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
