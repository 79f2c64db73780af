// Starting the app for the help benchmark: a start counts as done when the search index is built, not at
// the first 200, or a search load would measure the database fallback that answers until then.
import { startApp, type AppServer } from "../server";
import { USER_AGENT } from "../http";
import { rssMb } from "../proc";
import { log } from "../report";

export interface TimedStart {
  app: AppServer;
  /** Until /api/health answered 200 (migrations, seed, content sync). */
  ms: number;
  /** Until /api/health said `search: "ready"` (the index is built in the background). */
  indexMs: number;
}

export async function timedStart(root: string, workDir: string, what: string, server: "app" | "next" = "app"): Promise<TimedStart> {
  const t0 = performance.now();
  const app = await startApp({ root, workDir, server });
  const ms = Math.round(performance.now() - t0);
  const deadline = Date.now() + 300_000;
  for (;;) {
    const health = (await (await fetch(`${app.base}/api/health`, { headers: { "user-agent": USER_AGENT } })).json()) as { search?: string };
    if (health.search !== "building") break;
    if (Date.now() > deadline) throw new Error(`${what}: the search index was not ready after 300 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const indexMs = Math.round(performance.now() - t0);
  log(`${what}: healthy after ${ms} ms, search index ready after ${indexMs} ms (RSS ${rssMb(app.pid) ?? "?"} MB)`);
  return { app, ms, indexMs };
}
