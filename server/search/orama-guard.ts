import "server-only";
import { search as oramaSearch, type AnyOrama, type AnySchema } from "@orama/orama";
import type { LanguageIndex } from "./orama-index";
import type { OramaIndex } from "./orama-scorer";

/** The @orama/orama release the scorer was last checked against (orama-internals.test.ts holds it to the installed one). */
export const ORAMA_CHECKED = "3.1.18";

// ---- What the scorer assumes of Orama's internals, checked instead of trusted (see the comment at the top).

function internalsChanged(expected: string): Error {
  return new Error(
    `Orama internals changed: expected ${expected}; the custom scorer in server/search/orama-scorer.ts and orama-index.ts must be revisited (written against @orama/orama ${ORAMA_CHECKED})`,
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
