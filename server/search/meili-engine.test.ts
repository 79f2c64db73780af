import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeiliEngine, MEILI_SETTINGS, meiliSynonyms } from "./meili-engine";
import { MARK_END, MARK_START, type SearchDoc } from "./engine";

const doc = (id: number, locale: "en" | "ru", title: string, text: string): SearchDoc => ({
  id,
  slug: `doc-${id}`,
  kind: "article",
  locale,
  category: "backups",
  title,
  summary: "",
  tags: ["backup"],
  text,
  updatedAt: 0,
});

/**
 * No Meilisearch server can run on this project's machines, so these tests answer as one would: a small
 * HTTP stand-in that records what the adapter sends and acknowledges tasks. The real-server suite below
 * runs wherever MEILI_HOST is set.
 */
describe("meilisearch adapter, against a stand-in server", () => {
  const requests: { method: string; url: string; body: unknown }[] = [];
  let server: http.Server;
  let host: string;
  let task = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        const body = raw ? JSON.parse(raw) : null;
        requests.push({ method: req.method!, url: req.url!, body });
        res.setHeader("content-type", "application/json");
        if (req.method === "GET" && req.url!.startsWith("/tasks/")) {
          const uid = Number(req.url!.split("/")[2]);
          res.end(JSON.stringify({ uid, status: "succeeded", type: "documentAdditionOrUpdate", indexUid: "mayak_articles" }));
        } else if (req.url!.endsWith("/search")) {
          res.end(
            JSON.stringify({
              hits: [
                {
                  id: 7,
                  slug: "doc-7",
                  kind: "article",
                  locale: "ru",
                  category: "backups",
                  title: "Резервные <копии>",
                  summary: "s",
                  text: "Копии сайта делаем каждую ночь. Мы храним копии 30 дней, а потом удаляем. Восстановление занимает час.",
                  _formatted: {
                    title: `${MARK_START}Резервные${MARK_END} <копии>`,
                    text: `…храним ${MARK_START}копии${MARK_END} 30 дней…`,
                  },
                },
              ],
              estimatedTotalHits: 1,
            }),
          );
        } else {
          res.statusCode = 202;
          res.end(
            JSON.stringify({
              taskUid: ++task,
              indexUid: "mayak_articles",
              status: "enqueued",
              type: "x",
              enqueuedAt: new Date().toISOString(),
            }),
          );
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("applies the app's index settings at start", async () => {
    await createMeiliEngine({ host }).prepare(async () => []);
    const settings = requests.find((r) => r.method === "PATCH" && r.url.endsWith("/settings"));
    expect(settings?.body).toMatchObject({
      filterableAttributes: MEILI_SETTINGS.filterableAttributes,
      searchableAttributes: MEILI_SETTINGS.searchableAttributes,
    });
  });

  it("upserts, removes and replaces documents", async () => {
    const engine = createMeiliEngine({ host });
    requests.length = 0;
    await engine.upsert(doc(1, "en", "Backups", "nightly"));
    await engine.remove(1);
    await engine.replaceAll([doc(2, "ru", "Копии", "каждую ночь")]);
    const writes = requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.url.split("?")[0]}`);
    expect(writes).toEqual([
      "POST /indexes/mayak_articles/documents",
      "DELETE /indexes/mayak_articles/documents/1",
      "DELETE /indexes/mayak_articles/documents",
      "POST /indexes/mayak_articles/documents",
    ]);
    expect(requests.find((r) => r.method === "POST")?.body).toEqual([doc(1, "en", "Backups", "nightly")]);
  });

  it("pushes the synonyms of both languages, each term to the others of its groups", async () => {
    requests.length = 0;
    await createMeiliEngine({ host }).setSynonyms!([
      { locale: "en", terms: ["hacked", "breach", "vzlom"] },
      { locale: "ru", terms: ["взлом", "vzlom"] },
    ]);
    const put = requests.find((r) => r.method === "PUT" && r.url.split("?")[0] === "/indexes/mayak_articles/settings/synonyms");
    expect(put?.body).toEqual({
      hacked: ["breach", "vzlom"],
      breach: ["hacked", "vzlom"],
      vzlom: ["hacked", "breach", "взлом"],
      взлом: ["vzlom"],
    });
    expect(meiliSynonyms([])).toEqual({});
  });

  it("filters by language and category, and returns escaped highlights", async () => {
    requests.length = 0;
    const res = await createMeiliEngine({ host }).search({ q: "копии", locale: "ru", category: "backups", limit: 5, offset: 0 });
    const sent = requests.find((r) => r.url.endsWith("/search"))!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ q: "копии", filter: ['locale = "ru"', 'category = "backups"'], limit: 5, offset: 0 });
    expect(res.total).toBe(1);
    expect(res.hits[0].titleHtml).toBe("<mark>Резервные</mark> &lt;копии&gt;");
    expect(res.hits[0].snippetHtml).toBe("…храним <mark>копии</mark> 30 дней…");
  });

  it("shows the sentences that answer a question on the first hit, synonyms included", async () => {
    const engine = createMeiliEngine({ host });
    const asked = await engine.search({ q: "сколько дней храните копии?", locale: "ru", limit: 5, offset: 0 });
    expect(asked.hits[0].answerHtml).toBe("Мы <mark>храним</mark> <mark>копии</mark> 30 <mark>дней</mark>, а потом удаляем.");
    // Not a question: no answer; a later page: none either.
    expect((await engine.search({ q: "копии", locale: "ru", limit: 5, offset: 0 })).hits[0].answerHtml).toBeUndefined();
    expect((await engine.search({ q: "сколько храните копии?", locale: "ru", limit: 5, offset: 5 })).hits[0].answerHtml).toBeUndefined();
    // The staff's synonyms reach the passage as they reach the server.
    const before = await engine.search({ q: "сколько хранятся дампы?", locale: "ru", limit: 5, offset: 0 });
    expect(before.hits[0].answerHtml).toBeUndefined();
    await engine.setSynonyms!([{ locale: "ru", terms: ["дамп", "копия"] }]);
    const after = await engine.search({ q: "сколько хранятся дампы?", locale: "ru", limit: 5, offset: 0 });
    expect(after.hits[0].answerHtml).toBe("Мы <mark>храним</mark> <mark>копии</mark> 30 дней, а потом удаляем.");
  });
});

describe.skipIf(!process.env.MEILI_HOST)("meilisearch adapter, against a real server (MEILI_HOST)", () => {
  it("indexes, finds with a typo, and keeps languages apart", async () => {
    const engine = createMeiliEngine({
      host: process.env.MEILI_HOST!,
      apiKey: process.env.MEILI_API_KEY,
      indexName: `mayak_test_${Date.now()}`,
    });
    await engine.prepare(async () => []);
    await engine.replaceAll([
      doc(1, "en", "Restoring a backup", "We restore nightly backups to staging first."),
      doc(2, "ru", "Восстановление из резервной копии", "Сначала восстанавливаем на тестовый сайт."),
    ]);
    const en = await engine.search({ q: "bakup", locale: "en", limit: 5, offset: 0 });
    expect(en.hits.map((h) => h.id)).toEqual([1]);
    const ru = await engine.search({ q: "резервной", locale: "ru", limit: 5, offset: 0 });
    expect(ru.hits.map((h) => h.id)).toEqual([2]);
    // A synonym pushed to the server finds what its own words would not.
    await engine.setSynonyms!([{ locale: "en", terms: ["rollback", "restore"] }]);
    const syn = await engine.search({ q: "rollback", locale: "en", limit: 5, offset: 0 });
    expect(syn.hits.map((h) => h.id)).toEqual([1]);
  });
});
