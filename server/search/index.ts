import { getEnv } from "../env";
import type { SearchEngine } from "./engine";
import { createOramaEngine } from "./orama-engine";
import { createMeiliEngine } from "./meili-engine";

const holder = globalThis as unknown as { __mayakSearch?: SearchEngine };

/** The process's search engine: Meilisearch when a host is configured, otherwise Orama in process. */
export function getSearchEngine(): SearchEngine {
  if (!holder.__mayakSearch) {
    const env = getEnv();
    holder.__mayakSearch = env.MEILI_HOST ? createMeiliEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY }) : createOramaEngine();
  }
  return holder.__mayakSearch;
}
