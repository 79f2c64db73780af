import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import { createOramaEngine } from "./orama-engine";
import type { SearchDoc, SearchEngine } from "./engine";
import { applySynonyms } from "./index";
import { createSynonymSync, readSynonymState } from "./synonym-watch";

const doc: SearchDoc = {
  id: 1,
  slug: "quokka-rescue",
  kind: "article",
  locale: "en",
  category: "backups",
  title: "Quokka rescue",
  summary: "",
  tags: [],
  text: "How we bring a quokka home.",
  updatedAt: 0,
};

const slugs = async (engine: SearchEngine, q: string) =>
  (await engine.search({ q, locale: "en", limit: 5, offset: 0 })).hits.map((h) => h.slug);

/**
 * Two app instances over one database: the KB admin saves on the first (its engine follows at once), the second
 * only polls. What the second searches with is what the database says after one sync, whatever the change.
 */
describeEachDialect("synonym changes reach every instance", (use) => {
  let lead: Actor;
  let here: SearchEngine;
  let there: SearchEngine;
  let sync: () => Promise<boolean>;
  const holder = globalThis as unknown as { __mayakSearch?: SearchEngine };

  beforeAll(async () => {
    const db = use();
    lead = await makeLead(db);
    here = createOramaEngine();
    there = createOramaEngine();
    for (const e of [here, there]) await e.replaceAll([doc]);
    holder.__mayakSearch = here;
    sync = createSynonymSync(
      () => readSynonymState(db),
      () => applySynonyms(db, there),
    );
  });

  it("applies at the first sync, then only when the rows change", async () => {
    expect(await sync()).toBe(true);
    expect(await sync()).toBe(false);
  });

  it("follows a group added, changed and deleted on another instance", async () => {
    const db = use();
    const api = apiAs(db, lead);
    const { id } = await api.kb.synonyms.save({ locale: "en", terms: "wombat, quokka" });
    expect(await slugs(here, "wombat")).toEqual(["quokka-rescue"]);
    expect(await slugs(there, "wombat")).toEqual([]);
    expect(await sync()).toBe(true);
    expect(await slugs(there, "wombat")).toEqual(["quokka-rescue"]);

    await api.kb.synonyms.save({ id, locale: "en", terms: "numbat, quokka" });
    expect(await sync()).toBe(true);
    expect(await slugs(there, "wombat")).toEqual([]);
    expect(await slugs(there, "numbat")).toEqual(["quokka-rescue"]);

    await api.kb.synonyms.remove({ id });
    expect(await sync()).toBe(true);
    expect(await slugs(there, "numbat")).toEqual([]);
  });

  it("follows a shipped group turned off and reset", async () => {
    const api = apiAs(use(), lead);
    await there.replaceAll([{ ...doc, title: "Site hacked", text: "What we do after a breach." }]);
    expect(await slugs(there, "compromised")).toEqual(["quokka-rescue"]);
    await api.kb.synonyms.remove({ key: "en.hacked" });
    expect(await sync()).toBe(true);
    expect(await slugs(there, "compromised")).toEqual([]);
    await api.kb.synonyms.reset({ key: "en.hacked" });
    expect(await sync()).toBe(true);
    expect(await slugs(there, "compromised")).toEqual(["quokka-rescue"]);
  });

  it("retries an apply that failed", async () => {
    const db = use();
    let fail = true;
    const flaky = createSynonymSync(
      () => readSynonymState(db),
      async () => {
        if (fail) throw new Error("engine away");
      },
    );
    await expect(flaky()).rejects.toThrow("engine away");
    fail = false;
    expect(await flaky()).toBe(true);
  });
});
