import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { createOramaEngine } from "../search/orama-engine";
import type { SearchDoc, SearchEngine } from "../search/engine";
import { SHIPPED_SYNONYMS } from "../search/shipped-synonyms";
import { effectiveSynonyms, findSynonymGroups } from "./synonyms";

const audits = (db: DB) =>
  db
    .selectFrom("audit_events")
    .select(["action", "entity_id", "after_json"])
    .where("entity_type", "=", "synonym_group")
    .orderBy("id")
    .execute();
const rows = (db: DB) => db.selectFrom("kb_synonyms").selectAll().orderBy("id").execute();

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

describeEachDialect("search synonyms in the KB admin", (use) => {
  let lead: Actor, agent: Actor, customer: Actor;
  let engine: SearchEngine;
  const holder = globalThis as unknown as { __mayakSearch?: SearchEngine };

  beforeAll(async () => {
    const db = use();
    [lead, agent, customer] = await Promise.all([makeLead(db), makeAgent(db), makeCustomer(db)]);
    // The process's engine, as the procedures find it: they make it follow each change.
    engine = createOramaEngine();
    await engine.replaceAll([doc]);
    holder.__mayakSearch = engine;
  });

  it("lists the shipped groups until the team changes one", async () => {
    const list = await apiAs(use(), lead).kb.synonyms.list({ locale: "ru" });
    expect(list.filter((g) => g.origin === "shipped").length).toBe(SHIPPED_SYNONYMS.filter((g) => g.locale === "ru").length);
    expect(list.every((g) => g.locale === "ru")).toBe(true);
  });

  it("answers NOT_FOUND to agents and customers, UNAUTHORIZED to visitors, and changes nothing", async () => {
    const db = use();
    expect(await errorCode(apiAs(db, agent).kb.synonyms.save({ locale: "en", terms: "wombat, quokka" }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, customer).kb.synonyms.list({}))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).kb.synonyms.remove({ key: "en.slow" }))).toBe("UNAUTHORIZED");
    expect(await rows(db)).toEqual([]);
    expect(await audits(db)).toEqual([]);
  });

  it("adds a group the search uses at once, audited", async () => {
    const db = use();
    expect((await engine.search({ q: "wombat", locale: "en", limit: 5, offset: 0 })).total).toBe(0);
    const { id } = await apiAs(db, lead).kb.synonyms.save({ locale: "en", terms: " Wombat,  quokka ,wombat" });
    expect((await engine.search({ q: "wombat", locale: "en", limit: 5, offset: 0 })).hits.map((h) => h.slug)).toEqual(["quokka-rescue"]);
    const [row] = await rows(db);
    expect(row).toMatchObject({ id, locale: "en", shipped_key: null, enabled: 1 });
    expect(JSON.parse(row!.terms)).toEqual(["wombat", "quokka"]);
    expect((await audits(db)).map((a) => [a.action, a.entity_id])).toEqual([["synonym.created", String(id)]]);
  });

  it("refuses a group of one word, with the field's message", async () => {
    expect(await errorCode(apiAs(use(), lead).kb.synonyms.save({ locale: "en", terms: "wombat, wombat" }))).toBe("BAD_REQUEST");
  });

  it("keeps the team's version of a shipped group, turns it off and back to what ships", async () => {
    const db = use();
    const api = apiAs(db, lead);
    await api.kb.synonyms.save({ locale: "en", key: "en.hacked", terms: "hacked, breach, pwned" });
    let hacked = (await findSynonymGroups(db, "en")).find((g) => g.key === "en.hacked")!;
    expect(hacked).toMatchObject({ origin: "changed", terms: ["hacked", "breach", "pwned"] });
    await api.kb.synonyms.remove({ key: "en.hacked" });
    hacked = (await findSynonymGroups(db, "en")).find((g) => g.key === "en.hacked")!;
    expect(hacked.origin).toBe("off");
    expect((await effectiveSynonyms(db)).some((g) => g.terms.includes("pwned"))).toBe(false);
    await api.kb.synonyms.reset({ key: "en.hacked" });
    hacked = (await findSynonymGroups(db, "en")).find((g) => g.key === "en.hacked")!;
    expect(hacked).toMatchObject({ origin: "shipped", id: null });
    expect((await audits(db)).map((a) => a.action).slice(-3)).toEqual(["synonym.updated", "synonym.disabled", "synonym.reset"]);
  });

  it("deletes a group of the team's, and says NOT_FOUND for one that does not exist", async () => {
    const db = use();
    const api = apiAs(db, lead);
    const { id } = await api.kb.synonyms.save({ locale: "ru", terms: "вомбат, квокка" });
    await api.kb.synonyms.remove({ id });
    expect((await rows(db)).some((r) => r.id === id)).toBe(false);
    expect((await audits(db)).at(-1)!.action).toBe("synonym.deleted");
    expect(await errorCode(api.kb.synonyms.remove({ id }))).toBe("NOT_FOUND");
    expect(await errorCode(api.kb.synonyms.save({ locale: "en", key: "en.nope", terms: "a1, b1" }))).toBe("NOT_FOUND");
  });
});
