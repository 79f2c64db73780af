import { describe, expect, it } from "vitest";
import type { SearchDoc, SearchRequest, SearchResult } from "./engine";
import { createOramaEngine } from "./orama-engine";

const doc = (id: number, over: Partial<SearchDoc> = {}): SearchDoc => ({
  id,
  slug: `doc-${id}`,
  kind: "article",
  locale: "en",
  category: "backups",
  title: `Document ${id}`,
  summary: "A summary.",
  tags: [],
  text: "Plain text.",
  updatedAt: 0,
  ...over,
});

/** A promise and the function that settles it: lets a test hold the index build where it wants. */
function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

const req = (q: string, over: Partial<SearchRequest> = {}): SearchRequest => ({ q, locale: "en", limit: 10, offset: 0, ...over });
const slugs = (r: SearchResult) => r.hits.map((h) => h.slug);

describe("the embedded engine while its index is first built", () => {
  it("answers from the fallback until the build is done, then from the index", async () => {
    const asked: string[] = [];
    const fallbackAnswer: SearchResult = {
      total: 1,
      hits: [
        {
          id: 9,
          slug: "from-sql",
          kind: "article",
          locale: "en",
          category: "backups",
          title: "From SQL",
          titleHtml: "From SQL",
          snippetHtml: "",
        },
      ],
    };
    const engine = createOramaEngine({ fallback: async (r) => (asked.push(r.q), fallbackAnswer) });
    const docs = gate<SearchDoc[]>();
    const prepared = engine.prepare(() => docs.promise);

    expect(engine.isReady?.()).toBe(false);
    expect(await engine.search(req("quokka"))).toEqual(fallbackAnswer);
    expect(asked).toEqual(["quokka"]);

    docs.open([doc(1, { title: "Quokka snapshots" }), doc(2, { title: "Nightly restores" })]);
    await prepared;
    expect(engine.isReady?.()).toBe(true);
    expect(slugs(await engine.search(req("quokka")))).toEqual(["doc-1"]);
    expect(asked).toEqual(["quokka"]);
  });

  it("keeps serving requests between slices of a long build", async () => {
    const engine = createOramaEngine({ fallback: async () => ({ hits: [], total: 0 }), sliceMs: 1 });
    const many = Array.from({ length: 400 }, (_, i) =>
      doc(i + 1, { text: `Word${i} and some longer text about restoring backups from the archive.` }),
    );
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await engine.prepare(async () => many);
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(1);
    expect((await engine.search(req("restoring backups"))).total).toBe(400);
  });

  it("applies changes that arrive during the build to the new index", async () => {
    const engine = createOramaEngine({ fallback: async () => ({ hits: [], total: 0 }) });
    const docs = gate<SearchDoc[]>();
    const prepared = engine.prepare(() => docs.promise);
    // The build read the rows before these changes: a newer version of 1, 2 unpublished, 3 published.
    await engine.upsert(doc(1, { title: "Zebra restores" }));
    await engine.remove(2);
    await engine.upsert(doc(3, { title: "Zebra archive" }));
    docs.open([doc(1, { title: "Old title" }), doc(2, { title: "Zebra draft" })]);
    await prepared;
    expect(slugs(await engine.search(req("zebra"))).sort()).toEqual(["doc-1", "doc-3"]);
    expect((await engine.search(req("old title"))).total).toBe(0);
  });

  it("never throws when the fallback fails: no hits, and the error is reported", async () => {
    const errors: unknown[] = [];
    const engine = createOramaEngine({
      fallback: async () => {
        throw new Error("database unavailable");
      },
      onError: (e) => errors.push(e),
    });
    const docs = gate<SearchDoc[]>();
    void engine.prepare(() => docs.promise);
    expect(await engine.search(req("anything"))).toEqual({ hits: [], total: 0 });
    expect(errors).toHaveLength(1);
    docs.open([]);
  });

  it("without a fallback, a search made during the build waits for the index", async () => {
    const engine = createOramaEngine();
    const docs = gate<SearchDoc[]>();
    const prepared = engine.prepare(() => docs.promise);
    const answer = engine.search(req("quokka"));
    docs.open([doc(1, { title: "Quokka snapshots" })]);
    await prepared;
    expect(slugs(await answer)).toEqual(["doc-1"]);
  });
});

describe("the embedded engine's queries", () => {
  const engine = createOramaEngine();
  const ready = engine.replaceAll([
    doc(1, { title: "Restore a deleted page", text: "Open a ticket with the page address and the date." }),
    doc(2, { title: "How long backups are kept", text: "We keep a daily backup for 30 days. Restore any of them." }),
    doc(3, { title: "Report an incident", text: "If your site is down, report an incident." }),
    doc(4, { title: "Восстановление удалённой страницы", locale: "ru", text: "Напишите обращение с адресом страницы." }),
  ]);

  it("requires every word when that finds a page of results, and any word otherwise", async () => {
    await ready;
    // "restore" alone is in 1 and 2; with "ticket" only 1 has both, but one hit is not a page: any word counts.
    expect(slugs(await engine.search(req("restore ticket")))[0]).toBe("doc-1");
    expect((await engine.search(req("restore ticket"))).total).toBe(2);
  });

  it("replaces a typo by its correction, and keeps a word the index knows by its stem", async () => {
    await ready;
    expect(slugs(await engine.search(req("incdent")))).toEqual(["doc-3"]);
    expect(slugs(await engine.search(req("restoring")))).toEqual(expect.arrayContaining(["doc-1", "doc-2"]));
    expect(slugs(await engine.search(req("удалённую страницу", { locale: "ru" })))).toEqual(["doc-4"]);
  });

  it("highlights the matched words in the title and the snippet", async () => {
    await ready;
    const [hit] = (await engine.search(req("incident"))).hits;
    expect(hit?.titleHtml).toBe("Report an <mark>incident</mark>");
    expect(hit?.snippetHtml).toContain("<mark>incident</mark>");
  });
});
