import "server-only";
import { getEnv } from "../env";
import { getDb, type DB } from "../db";
import type { SearchEngine } from "./engine";
import { createOramaEngine } from "./orama-engine";
import { createMeiliEngine } from "./meili-engine";
import { searchPublishedSql } from "./sql-search";
import { effectiveSynonyms } from "../kb/synonyms";
import { createSynonymSync, readSynonymState, startSynonymWatch } from "./synonym-watch";

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

const logError = (what: string) => (err: unknown) => console.error(`[mayak] ${what}: ${err instanceof Error ? err.message : String(err)}`);

/**
 * At start, the engine gets the synonyms before its first build; then it follows the changes made on any
 * instance (synonym-watch.ts): the embedded engine searches with them in this process, and Meilisearch's adapter
 * finds answer passages with them (pushing the same groups to its server again does no harm).
 */
function withSynonyms(engine: SearchEngine): SearchEngine {
  const prepare = engine.prepare.bind(engine);
  let watching = false;
  engine.prepare = async (loadDocs) => {
    const sync = createSynonymSync(
      () => readSynonymState(getDb()),
      () => applySynonyms(getDb(), engine),
    );
    await sync().catch(logError("search synonyms not loaded"));
    if (!watching) {
      watching = true;
      startSynonymWatch(sync, logError("search synonyms: cannot read the changes; retrying"));
    }
    await prepare(loadDocs);
  };
  return engine;
}
