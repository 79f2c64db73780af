import "server-only";
import { getEnv } from "../env";
import { getDb } from "../db";
import type { SearchEngine } from "./engine";
import { createOramaEngine } from "./orama-engine";
import { createMeiliEngine } from "./meili-engine";
import { searchPublishedSql } from "./sql-search";

const holder = globalThis as unknown as { __mayakSearch?: SearchEngine };

/**
 * The process's search engine: Meilisearch when a host is configured, otherwise Orama in process, which
 * answers from the database (title, tags and summary) while its index is built at start.
 */
export function getSearchEngine(): SearchEngine {
  if (!holder.__mayakSearch) {
    const env = getEnv();
    holder.__mayakSearch = env.MEILI_HOST
      ? createMeiliEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY })
      : createOramaEngine({
          fallback: (req) => searchPublishedSql(getDb(), req),
          onError: (err) => console.error(`[mayak] search while the index is built: ${err instanceof Error ? err.message : String(err)}`),
        });
  }
  return holder.__mayakSearch;
}
