import { getDb } from "../server/db";
import { getEnv } from "../server/env";
import { createMeiliEngine } from "../server/search/meili-engine";
import { loadSearchDocs } from "../server/search/search-docs";

// Rebuilds the Meilisearch index from the database. The embedded engine needs no command: it is rebuilt at every start.
const env = getEnv();
if (!env.MEILI_HOST) {
  console.log("MEILI_HOST is not set: the embedded search engine is rebuilt from the database at every start.");
  process.exit(0);
}
const db = getDb();
const engine = createMeiliEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY });
await engine.prepare(async () => []);
const docs = await loadSearchDocs(db);
await engine.replaceAll(docs);
console.log(`Reindexed ${docs.length} published entries into Meilisearch at ${env.MEILI_HOST}.`);
await db.destroy();
