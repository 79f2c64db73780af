import { getDb } from "../server/db";
import { migrateToLatest } from "../server/db/migrate";

const db = getDb();
const result = await migrateToLatest(db);
const ran = result.results ?? [];
console.log(ran.length ? ran.map((r) => `${r.migrationName}: ${r.status}`).join("\n") : "Already up to date.");
await db.destroy();
