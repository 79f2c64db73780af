import "server-only";
import { getDb } from "./db";
import { migrateToLatest } from "./db/migrate";
import { appUrl, getAuthSecret, getEnv } from "./env";
import { createWorker } from "./jobs/worker";
import { makeEmailHandler } from "./email/send-email";
import { seedDemo } from "./seed/seed-demo";
import { systemCtx } from "./context";
import { readContentDir } from "./kb/content-files";
import { syncContent } from "./kb/sync-content";
import { SEARCH_INDEX_JOB } from "./kb/write-article";
import { getSearchEngine } from "./search";
import { loadSearchDocs, makeSearchIndexHandler } from "./search/search-docs";
import { mergeJobSets } from "./jobs/job-set";
import { ensureSchedule } from "./jobs/schedules";
import { monitoringJobs } from "./monitoring/jobs";
import { incidentJobs } from "./incidents/jobs";
import { subscriptionJobs } from "./subscriptions/jobs";
import { privacyJobs } from "./privacy/jobs";
import { usersJobs } from "./users/jobs";
import { slaJobs } from "./sla/jobs";
import { ticketLifeJobs } from "./ticket-life/jobs";
import { notificationJobs } from "./notifications/jobs";
import { seedStatusDemo } from "./seed/seed-status";
import { seedHelpAnalyticsDemo } from "./seed/seed-help-analytics";
import { requestRevalidation } from "./revalidation/revalidate-public";
import type { Locale } from "./db/schema";

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

  let freshDemo = false;
  if (env.SEED_DEMO === "true") {
    const seeded = await seedDemo(db);
    freshDemo = seeded.seeded;
    if (seeded.seeded) {
      await seedStatusDemo(db, { now: Date.now() });
      console.log("[mayak] Demo data created. Sign in with:");
      for (const a of seeded.accounts) console.log(`[mayak]   ${a.role.padEnd(8)} ${a.email} / ${a.password}`);
    }
  }

  // server.mjs's status-page render process only renders: the serving process syncs the content and searches.
  if (env.MAYAK_PROCESS !== "render") {
    const content = await readContentDir(env.CONTENT_DIR);
    for (const e of content.errors) console.error(`[mayak] content file skipped: ${e.message}`);
    const report = await syncContent(
      db,
      systemCtx(),
      content.files,
      content.errors.map((e) => e.path),
    );
    for (const c of report.conflicts) console.error(`[mayak] content file skipped: ${c}`);
    console.log(
      `[mayak] help center: ${report.added.length} added, ${report.updated.length} updated, ${report.archived.length} archived, ${report.unchanged} unchanged`,
    );
    // Pages cached by an earlier run must not outlive the files that changed since.
    if (report.added.length + report.updated.length + report.archived.length > 0) requestRevalidation({ help: true });

    // The index is built in the background, in slices between requests: pages and /api/health answer at once,
    // and search answers from the database until the index is ready (see server/search/orama-engine.ts).
    const indexStart = Date.now();
    const engine = getSearchEngine();
    engine
      .prepare(() => loadSearchDocs(db))
      .then(
        async () => {
          console.log(`[mayak] search index ready (${engine.name}, ${Date.now() - indexStart} ms)`);
          // A new demo database gets a month of help-center use, counted by the engine it will be searched with.
          if (freshDemo) {
            const countResults = async (q: string, locale: Locale) => (await engine.search({ q, locale, limit: 1, offset: 0 })).total;
            await seedHelpAnalyticsDemo(db, { now: Date.now(), countResults });
          }
        },
        (err: unknown) => console.error(`[mayak] search index not prepared: ${err instanceof Error ? err.message : String(err)}`),
      )
      .catch((err: unknown) =>
        console.error(`[mayak] help-center demo analytics not created: ${err instanceof Error ? err.message : String(err)}`),
      );
  }

  if (env.JOBS_ENABLED === "true") {
    const areas = mergeJobSets([
      monitoringJobs(db, { appUrl: appUrl(), checkRetentionDays: env.CHECK_RETENTION_DAYS }),
      incidentJobs(db),
      subscriptionJobs(db),
      privacyJobs(db),
      usersJobs(db, { appUrl }),
      slaJobs(db, { appUrl: appUrl() }),
      ticketLifeJobs(db, { autoCloseDays: env.TICKET_AUTO_CLOSE_DAYS }),
      notificationJobs(db),
    ]);
    for (const s of areas.schedules) await ensureSchedule(db, Date.now(), s);
    const worker = createWorker({
      db,
      handlers: {
        "email.send": makeEmailHandler({ db, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, now: Date.now }),
        [SEARCH_INDEX_JOB]: makeSearchIndexHandler(db, getSearchEngine),
        ...areas.handlers,
      },
    });
    worker.start();
    // server.mjs stops the jobs itself, after the requests in flight have been answered; under `next start`
    // or `next dev` the worker stops (releasing its leases) and the process exits on the signal.
    const hooks = globalThis as unknown as Record<symbol, unknown>;
    hooks[Symbol.for("mayak.stopJobs")] = () => worker.stop();
    if (!hooks[Symbol.for("mayak.serverOwnsExit")]) {
      const stop = () => {
        void worker.stop().finally(() => process.exit(0));
      };
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    }
  }
  console.log(`[mayak] ready on ${appUrl()} (${env.DATABASE_URL?.startsWith("mysql") ? "MySQL/MariaDB" : "SQLite"})`);
}
