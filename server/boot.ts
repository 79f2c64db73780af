import { getDb } from "./db";
import { migrateToLatest } from "./db/migrate";
import { appUrl, getAuthSecret, getEnv } from "./env";
import { createWorker } from "./jobs/worker";
import { makeEmailHandler } from "./email/send-email";
import { seedDemo } from "./seed/seed-demo";

const state = globalThis as unknown as { __mayakBooted?: Promise<void> };

/** Everything the app does once at start: check configuration, migrate, seed an empty database, start the jobs. */
export function boot(): Promise<void> {
  state.__mayakBooted ??= start();
  return state.__mayakBooted;
}

async function start(): Promise<void> {
  const env = getEnv();
  getAuthSecret();
  const db = getDb();
  const result = await migrateToLatest(db);
  for (const r of result.results ?? []) console.log(`[mayak] migration ${r.migrationName}: ${r.status}`);

  if (env.SEED_DEMO === "true") {
    const seeded = await seedDemo(db);
    if (seeded.seeded) {
      console.log("[mayak] Demo data created. Sign in with:");
      for (const a of seeded.accounts) console.log(`[mayak]   ${a.role.padEnd(8)} ${a.email} / ${a.password}`);
    }
  }

  if (env.JOBS_ENABLED === "true") {
    const worker = createWorker({
      db,
      handlers: { "email.send": makeEmailHandler({ db, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, now: Date.now }) },
    });
    worker.start();
    const stop = () => {
      void worker.stop().finally(() => process.exit(0));
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
  console.log(`[mayak] ready on ${appUrl()} (${env.DATABASE_URL?.startsWith("mysql") ? "MySQL/MariaDB" : "SQLite"})`);
}
