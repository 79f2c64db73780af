import "server-only";
import { getEnv } from "../env";
import { getDb, type DB } from "../db";
import type { SearchEngine } from "./engine";
import { createOramaEngine } from "./orama-engine";
import { createMeiliEngine } from "./meili-engine";
import { searchPublishedSql } from "./sql-search";
import { effectiveSynonyms } from "../kb/synonyms";

const holder = globalThis as unknown as { __mayakSearch?: SearchEngine };

/**
 * The process's search engine: Meilisearch when a host is configured, otherwise Orama in process, which
 * answers from the database (title, tags and summary) while its index is built at start.
 */
export function getSearchEngine(): SearchEngine {
  if (!holder.__mayakSearch) {
    const env = getEnv();
    holder.__mayakSearch = withSynonyms(
      env.MEILI_HOST
        ? createMeiliEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY })
        : createOramaEngine({
            fallback: (req) => searchPublishedSql(getDb(), req),
            onError: (err) => console.error(`[mayak] search while the index is built: ${err instanceof Error ? err.message : String(err)}`),
          }),
    );
  }
  return holder.__mayakSearch;
}

/**
 * The synonyms staff keep in the database, given to the engine: before its first build at start (so the index
 * is never searched with stale ones) and after each change in the KB admin. Without a table yet (a database
 * not migrated), the engine keeps the shipped synonyms it starts with.
 */
export async function applySynonyms(db: DB = getDb(), engine: SearchEngine = getSearchEngine()): Promise<void> {
  await engine.setSynonyms?.(await effectiveSynonyms(db));
}

function withSynonyms(engine: SearchEngine): SearchEngine {
  const prepare = engine.prepare.bind(engine);
  engine.prepare = async (loadDocs) => {
    await applySynonyms(getDb(), engine).catch((err: unknown) =>
      console.error(`[mayak] search synonyms not loaded: ${err instanceof Error ? err.message : String(err)}`),
    );
    await prepare(loadDocs);
  };
  return engine;
}
