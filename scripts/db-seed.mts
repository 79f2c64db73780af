import { getDb } from "../server/db";
import { migrateToLatest } from "../server/db/migrate";
import { seedDemo } from "../server/seed/seed-demo";

// Re-seeds a fresh database: run it against an empty database (delete the SQLite file, or a new MySQL database).
const db = getDb();
await migrateToLatest(db);
const result = await seedDemo(db, { log: (l) => console.log(l) });
if (!result.seeded) console.log("The database already has users: nothing seeded. Start from an empty database to re-seed.");
else for (const a of result.accounts) console.log(`${a.role.padEnd(8)} ${a.email} / ${a.password}`);
await db.destroy();
