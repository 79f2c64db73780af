import fs from "node:fs";
import path from "node:path";
import type { AnySchema } from "@orama/orama";
import { describe, expect, it } from "vitest";
import { assertOramaInternals, checkScorer, createLanguageIndex, ORAMA_CHECKED, type LanguageIndex } from "./orama-index";

const changed = (expected: string) =>
  `Orama internals changed: expected ${expected}; the custom scorer in server/search/orama-scorer.ts and orama-index.ts must be revisited (written against @orama/orama ${ORAMA_CHECKED})`;

interface Node {
  s: string;
  w: string;
  e: boolean;
  c: Map<string, Node>;
  d: Set<number>;
}
interface Store {
  indexes: Record<string, { node: Node }>;
  tokenOccurrences: Record<string, Record<string, number>>;
  fieldLengths: Record<string, Record<number, number>>;
  sharedInternalDocumentStore: { internalIdToId?: string[] };
}

function smallIndex(): { index: LanguageIndex; store: Store; title: Node } {
  const index = createLanguageIndex("en", { title: "string", text: "string" });
  index.insert({ id: "a", title: "Nightly backups", text: "Restore a copy." });
  index.insert({ id: "b", title: "Backup window", text: "Nightly jobs." });
  const store = index.orama.data.index as unknown as Store;
  return { index, store, title: store.indexes.title!.node };
}

/** The title tree's node for a whole word. */
function nodeOf(root: Node, word: string): Node {
  let node = root;
  while (node.w !== word) node = [...node.c.values()].find((c) => word.startsWith(c.w))!;
  return node;
}

describe("the check of Orama's internals", () => {
  it("accepts the index store of the installed Orama, new and filled", () => {
    expect(() => assertOramaInternals(createLanguageIndex("en", { title: "string" }).orama)).not.toThrow();
    expect(() => assertOramaInternals(smallIndex().index.orama)).not.toThrow();
  });

  it("names what changed when the index store or its radix trees have another shape", () => {
    const mutations: [string, (s: Store, title: Node) => void][] = [
      [
        "an object at orama.data.index.tokenOccurrences",
        (s) => {
          (s as unknown as Record<string, unknown>).tokenFrequencies = s.tokenOccurrences;
          delete (s as Partial<Store>).tokenOccurrences;
        },
      ],
      [
        "an array of document ids at orama.data.index.sharedInternalDocumentStore.internalIdToId",
        (s) => delete s.sharedInternalDocumentStore.internalIdToId,
      ],
      [
        'the radix tree of "title" to keep each node\'s children in a Map `c` and its documents in a Set `d`',
        (_, title) => {
          const node = nodeOf(title, "backup");
          (node as unknown as { d: number[] }).d = [...node.d];
        },
      ],
      [
        'the radix tree of "title" to give each node an edge label `s`, a word `w` and an end flag `e`',
        (_, title) => {
          (nodeOf(title, "night") as unknown as { e: number }).e = 1;
        },
      ],
      [
        'the radix tree of "title" to hold in `w` the parent\'s word followed by the edge label (`night`), found `nightly`',
        (_, title) => {
          nodeOf(title, "night").w = "nightly";
        },
      ],
      [
        'the radix tree of "title" to key each child by the first character of its edge label `s`',
        (_, title) => {
          const child = title.c.get("w")!;
          title.c.delete("w");
          title.c.set("x", child);
        },
      ],
      [
        'the radix tree of "title" to list in `d` internal document ids (1 to 2) that have a field length, found "a"',
        (_, title) => {
          nodeOf(title, "window").d = new Set(["a" as unknown as number]);
        },
      ],
      [
        'index.tokenOccurrences.title["window"] to count the 1 documents of its radix node, found 2',
        (s) => {
          s.tokenOccurrences.title!.window = 2;
        },
      ],
    ];
    for (const [expected, mutate] of mutations) {
      const { index, store, title } = smallIndex();
      mutate(store, title);
      expect(() => assertOramaInternals(index.orama), expected).toThrowError(changed(expected));
    }
  });

  it("probes the scorer through Orama's search, and notices when Orama calls the components differently", () => {
    expect(() => checkScorer((schema) => createLanguageIndex("en", schema))).not.toThrow();

    // A make-believe release of Orama that calls `search` with other arguments.
    const callingSearch = (change: (args: unknown[]) => unknown[]) => (schema: AnySchema) => {
      const index = createLanguageIndex("en", schema);
      const component = index.orama.index as unknown as { search: (...args: unknown[]) => unknown };
      const search = component.search;
      component.search = (...args) => search(...change(args));
      return index;
    };
    // No threshold passed any more: every search would accept any word.
    expect(() => checkScorer(callingSearch((args) => args.slice(0, 11)))).toThrowError(
      changed('a probe search for "backup window" with every word to find "", found "a b c"'),
    );
    // The BM25 parameters renamed: every score would be NaN.
    expect(() => checkScorer(callingSearch((args) => args.with(8, { k1: 1.2, b: 0.75, d: 0.5 })))).toThrowError(
      changed('positive scores from a probe search for "backup", found NaN, NaN'),
    );

    // Score parameters stored under the document's own id instead of its internal one.
    expect(() =>
      checkScorer((schema) => {
        const index = createLanguageIndex("en", schema);
        const component = index.orama.index as unknown as { insertDocumentScoreParameters: (...args: unknown[]) => void };
        const insertParameters = component.insertDocumentScoreParameters;
        const store = (index.orama.data.index as unknown as Store).sharedInternalDocumentStore;
        component.insertDocumentScoreParameters = (...args) =>
          insertParameters(...args.with(2, store.internalIdToId![(args[2] as number) - 1]));
        return index;
      }),
    ).toThrowError(changed('the radix tree of "title" to list in `d` internal document ids (1 to 3) that have a field length, found 3'));
  });

  it("refuses a list of strings as a search field", () => {
    expect(() => createLanguageIndex("en", { tags: "string[]" })).toThrowError(
      'Search field "tags" is a list of strings: the scorer keeps one length per document and field, so index it as one string',
    );
  });

  it("runs against the Orama release the scorer was last checked with", () => {
    const installed = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, "../../node_modules/@orama/orama/package.json"), "utf8"),
    ) as { version: string };
    // After an upgrade: when orama-scorer.test.ts and the checks above pass, set ORAMA_CHECKED in orama-index.ts.
    expect(installed.version, "the installed @orama/orama").toBe(ORAMA_CHECKED);
  });
});
