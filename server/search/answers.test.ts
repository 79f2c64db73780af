import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createOramaEngine } from "./orama-engine";
import { isQuestion } from "./highlight";
import { loadContentDocs } from "./relevance-suite";
import type { SearchEngine } from "./engine";

describe("the answering passage of the first hit", () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = createOramaEngine();
    await engine.replaceAll(await loadContentDocs(path.join(import.meta.dirname, "../../content")));
  });

  it("tells questions from keywords, in both languages", () => {
    for (const q of ["how long do you keep backups", "are backups encrypted", "site down?", "сколько хранятся бэкапы", "нужен ли аккаунт"])
      expect(isQuestion(q), q).toBe(true);
    for (const q of ["backup", "сайт взломали", "incident stages", "какао"]) expect(isQuestion(q), q).toBe(false);
  });

  it("answers a question with the sentence that says it, marked, on the first hit only", async () => {
    const res = await engine.search({ q: "are backups encrypted", locale: "en", limit: 3, offset: 0 });
    expect(res.hits[0]!.slug).toBe("are-backups-encrypted");
    expect(res.hits[0]!.answerHtml).toContain("<mark>encrypted</mark>");
    expect(res.hits[0]!.answerHtml).toContain("AES-256");
    expect(res.hits.slice(1).every((h) => h.answerHtml === undefined)).toBe(true);
    const ru = await engine.search({ q: "сколько хранятся бэкапы?", locale: "ru", limit: 3, offset: 0 });
    expect(ru.hits[0]!.answerHtml).toMatch(/30 дней/);
  });

  it("gives no passage for keywords unless asked, and escapes the text", async () => {
    const plain = await engine.search({ q: "backup schedule", locale: "en", limit: 3, offset: 0 });
    expect(plain.hits[0]!.answerHtml).toBeUndefined();
    const asked = await engine.search({ q: "my site is down since this morning", locale: "en", limit: 3, offset: 0, answer: true });
    expect(asked.hits[0]!.answerHtml).toMatch(/<mark>/);
    expect(asked.hits[0]!.answerHtml).not.toMatch(/<(?!\/?mark>)/);
  });
});
