// The app's own server (server.mjs, which answers /api/search outside Next's router) next to plain
// `next start`, on the seeded database: what one server costs per request at the search concurrency.
import type { AutocannonRequest } from "autocannon";
import type { AppServer } from "../server";
import { load, USER_AGENT } from "../http";
import { cpuShare, type CpuShare } from "../proc";
import { log } from "../report";
import { r2 } from "../stats";
import type { HelpOptions } from "./options";
import { requestSeries, searchHeaders, searchPath } from "./search-requests";
import { timedStart } from "./start";

type ServerName = "server.mjs" | "next start";
export type FloorRun = Awaited<ReturnType<typeof load>> & { name: string; cpu: CpuShare | undefined };
export interface ServerRound {
  server: ServerName;
  round: number;
  runs: FloorRun[];
}

/**
 * A route Next serves (/api/health: SELECT 1), a page Next serves from its cache (/contact) and the cached
 * search (the rotating queries), each after a warm-up.
 */
async function serverFloor(base: string, pid: number, label: ServerName, o: HelpOptions): Promise<FloorRun[]> {
  const runs: FloorRun[] = [];
  // Client addresses apart from every other run's.
  const from = label === "next start" ? 1_000_000 : 2_000_000;
  const targets: { name: string; request: AutocannonRequest }[] = [
    { name: "GET /api/health", request: { method: "GET", path: "/api/health", headers: { "user-agent": USER_AGENT } } },
    { name: "GET /contact", request: { method: "GET", path: "/contact", headers: { "user-agent": USER_AGENT } } },
    { name: "GET /api/search (rotating, cached)", request: requestSeries(searchPath, (n) => searchHeaders(from + n)).request },
  ];
  for (const t of targets) {
    await load({ base, request: t.request, connections: o.searchConnections, seconds: o.warmupSeconds });
    const share = cpuShare(pid);
    const run = await load({ base, request: t.request, connections: o.searchConnections, seconds: o.floorSeconds });
    const cpu = share();
    if (run.ops === 0) throw new Error(`${label} ${t.name}: no successful request (first status ${run.sampleStatus})`);
    log(
      `  ${label}, ${t.name}: ${run.perSecond} req/s, p50 ${run.p50} / p95 ${run.p95} / p99 ${run.p99} ms, ${run.errors} errors; CPU ${JSON.stringify(cpu)}`,
    );
    runs.push({ ...run, name: t.name, cpu });
  }
  return runs;
}

/**
 * Both servers in alternating order (server.mjs, next start, next start, server.mjs, …): runs differ by
 * 10-25 % from one to the next even on a quiet machine, and the order must not favour either server.
 * Restarts the app as needed and returns the one left running.
 */
export async function runServers(
  app: AppServer,
  root: string,
  workDir: string,
  o: HelpOptions,
): Promise<{ app: AppServer; servers: ServerRound[] }> {
  const servers: ServerRound[] = [];
  if (o.skipServers) return { app, servers };
  log(
    `servers, seeded database: ${o.searchConnections} connections, ${o.warmupSeconds} s + ${o.floorSeconds} s per route, ${o.serverRounds} rounds`,
  );
  let running: "app" | "next" = "app";
  for (let round = 1; round <= o.serverRounds; round++) {
    for (const kind of round % 2 === 1 ? (["app", "next"] as const) : (["next", "app"] as const)) {
      if (kind !== running) {
        await app.stop();
        app = (await timedStart(root, workDir, `restart with ${kind === "app" ? "server.mjs" : "`next start`"}`, kind)).app;
        running = kind;
      }
      const server = kind === "app" ? "server.mjs" : "next start";
      servers.push({ server, round, runs: await serverFloor(app.base, app.pid, server, o) });
    }
  }
  return { app, servers };
}

export function printServers(servers: ServerRound[], o: HelpOptions): void {
  if (!servers.length) return;
  console.log(
    `  servers on the seeded database (106 entries), ${o.searchConnections} connections, ${o.floorSeconds} s per route, ${o.serverRounds} rounds (mean, then each round):`,
  );
  // The app's CPU time per answer: less sensitive than req/s to how much CPU the others left it.
  const cpuMs = (r: FloorRun) => (r.cpu ? (r.cpu.appPct * 10) / r.perSecond : NaN);
  const mean = (xs: number[]) => r2(xs.reduce((a, x) => a + x, 0) / xs.length);
  for (const server of ["server.mjs", "next start"] as const) {
    const mine = servers.filter((x) => x.server === server);
    for (const name of mine[0]?.runs.map((r) => r.name) ?? []) {
      const runs = mine.map((x) => x.runs.find((r) => r.name === name)!);
      console.log(
        `    ${server.padEnd(10)} ${name.padEnd(34)} ${mean(runs.map((r) => r.perSecond))} req/s, p95 ${mean(runs.map((r) => r.p95))} ms, app CPU ${mean(runs.map(cpuMs))} ms per answer`,
      );
      for (const [i, r] of runs.entries()) {
        console.log(
          `      round ${mine[i]!.round}: ${r.perSecond} req/s, p50 ${r.p50} / p95 ${r.p95} / p99 ${r.p99} ms, errors ${r.errors}; app CPU ${r2(cpuMs(r))} ms per answer; CPU app ${r.cpu?.appPct ?? "?"}, autocannon ${r.cpu?.benchPct ?? "?"}, other processes ${r.cpu?.otherPct ?? "?"}`,
        );
      }
    }
  }
}
