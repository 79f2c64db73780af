import { describe, expect, it } from "vitest";
import { kthLargest } from "./plan-scorer";
import { createOramaEngine } from "./orama-engine";
import type { SearchDoc, SearchRequest } from "./engine";

describe("kthLargest", () => {
  it.each([
    [[5], 1, 5],
    [[1, 9, 3, 7], 1, 9],
    [[1, 9, 3, 7], 2, 7],
    [[1, 9, 3, 7], 4, 1],
    [[4, 4, 4, 2, 2], 3, 4],
    [[4, 4, 4, 2, 2], 4, 2],
  ])("finds the k-th largest of %j (k = %i)", (values, k, want) => {
    expect(kthLargest(Float64Array.from(values), k)).toBe(want);
  });

  it("agrees with a sort on random lists with many ties", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 500; t++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 80) }, () => Math.floor(random() * 12));
      const k = 1 + Math.floor(random() * values.length);
      const sorted = [...values].sort((a, b) => b - a);
      expect(kthLargest(Float64Array.from(values), k)).toBe(sorted[k - 1]);
    }
  });
});

const doc = (id: number, title: string, text: string): SearchDoc => ({
  id,
  slug: `doc-${id}`,
  kind: "article",
  locale: "en",
  category: "general",
  title,
  summary: "",
  tags: [],
  text,
  updatedAt: 0,
});
const req = (q: string): SearchRequest => ({ q, locale: "en", limit: 10, offset: 0 });

describe("scores kept between searches", () => {
  it("are forgotten when a document changes in place", async () => {
    const engine = createOramaEngine();
    await engine.replaceAll([
      doc(1, "Renew the certificate", "Renew a certificate before it expires."),
      doc(2, "Invoices", "Download your invoices."),
    ]);
    // The word's scores (and the phrase's) are kept after this search...
    expect((await engine.search(req("renew certificate"))).hits.map((h) => h.slug)).toEqual(["doc-1"]);
    // ...so a changed document must not be found by them, nor a new one missed, by another query with the same words.
    await engine.upsert(doc(1, "Invoices in PDF", "Download invoices as PDF."));
    expect((await engine.search(req("certificate renew how"))).hits).toEqual([]);
    await engine.upsert(doc(3, "Certificate renewal", "Renew the certificate every year."));
    expect((await engine.search(req("how to renew certificate"))).hits.map((h) => h.slug)).toEqual(["doc-3"]);
  });
});
