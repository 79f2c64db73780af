import { getDb } from "../server/db";
import { migrateToLatest } from "../server/db/migrate";
import { resetDatabase } from "../server/db/reset";
import { seedDemo } from "../server/seed/seed-demo";

// Fills an empty database with the demo data. `--reset` first deletes everything in it.
const reset = process.argv.includes("--reset");
const db = getDb();
await migrateToLatest(db);
if (reset) {
  await resetDatabase(db);
  console.log("Database emptied.");
}
const result = await seedDemo(db, { log: (line: string) => console.log(line) });
if (!result.seeded) {
  console.log("The database already has users: nothing seeded. Use `npm run db:seed -- --reset` to start over.");
} else {
  for (const a of result.accounts) console.log(`${a.role.padEnd(8)} ${a.email} / ${a.password}`);
}
await db.destroy();
