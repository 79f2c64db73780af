import { describe, expect, it } from "vitest";
import { closestSlots, TokenSequences, together } from "./proximity";
import { createOramaEngine } from "./orama-engine";
import type { SearchDoc } from "./engine";

const seq = (...n: number[]) => Int32Array.from(n);

describe("token positions", () => {
  it("numbers the tokens of each field in text order, repeats kept", () => {
    const s = new TokenSequences();
    s.pending = ["site", "is", "down", "site"];
    s.record("text", 3);
    expect([...s.get("text", 3)!]).toEqual([0, 1, 2, 0]);
    expect(s.idOf("down")).toBe(2);
    expect(s.get("title", 3)).toBeUndefined();
  });

  it("finds a phrase's words together, in any order, within the span", () => {
    const wordOf = new Int32Array(10).fill(-1);
    wordOf[7] = 0;
    wordOf[8] = 1;
    expect(together(seq(1, 7, 8, 2), wordOf, 2, 2)).toBe(true);
    expect(together(seq(8, 7), wordOf, 2, 2)).toBe(true);
    expect(together(seq(7, 1, 8), wordOf, 2, 2)).toBe(false);
    expect(together(seq(7, 1, 8), wordOf, 2, 3)).toBe(true);
    expect(together(seq(7, 7, 7), wordOf, 2, 3)).toBe(false);
  });

  it("weighs the slots that stand within a window, two at least", () => {
    const slotOf = (n: number) => (n < 3 ? n : -1);
    const says = [1, 2, 4];
    expect(closestSlots(seq(0, 9, 1, 9, 9, 9, 9, 2), slotOf, says, 3)).toBe(3);
    expect(closestSlots(seq(0, 9, 1, 2), slotOf, says, 4)).toBe(7);
    expect(closestSlots(seq(2, 2, 2), slotOf, says, 3)).toBe(0);
  });
});

const doc = (id: number, title: string, text: string): SearchDoc => ({
  id,
  slug: `doc-${id}`,
  kind: "article",
  locale: "ru",
  category: "incidents",
  title,
  summary: "",
  tags: [],
  text,
  updatedAt: 0,
});

describe("phrases and proximity in the ranking", () => {
  it("takes a phrase where its words stand together, not where they are scattered", async () => {
    // "не работает" is a phrase of a shipped synonym group.
    const engine = createOramaEngine();
    await engine.replaceAll([
      doc(1, "Плановые работы", "Во время работ сайт обычно не отключаем, а о простое предупреждаем заранее."),
      doc(2, "Что делать при сбое", "Если сайт не работает у всех, сообщите нам сразу."),
    ]);
    const res = await engine.search({ q: "сайт не работает", locale: "ru", limit: 5, offset: 0 });
    expect(res.hits.map((h) => h.slug)).toEqual(["doc-2", "doc-1"]);
  });

  it("puts the entry whose words asked stand close before the one where they are far apart", async () => {
    const filler = "Текст про другое дело и другие вещи, совсем не о том. ".repeat(4);
    const engine = createOramaEngine({ synonyms: [] });
    await engine.replaceAll([
      doc(1, "Заметки", `Копии храним отдельно. ${filler} Шифрование включено всегда.`),
      doc(2, "Заметки", `${filler} Копии храним с шифрованием. ${filler}`),
    ]);
    const res = await engine.search({ q: "шифрование копий", locale: "ru", limit: 5, offset: 0 });
    expect(res.hits.map((h) => h.slug)).toEqual(["doc-2", "doc-1"]);
  });

  it("does not read a word of two letters as the start of longer words", async () => {
    const engine = createOramaEngine({ synonyms: [] });
    await engine.replaceAll([doc(1, "Недоступен сайт", "Недолго."), doc(2, "Сайт", "Сайт не открывается.")]);
    const res = await engine.search({ q: "не", locale: "ru", limit: 5, offset: 0 });
    expect(res.hits.map((h) => h.slug)).toEqual(["doc-2"]);
  });
});
