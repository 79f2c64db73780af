// One page under load, the same way in every page benchmark (status.mts, the help benchmark's pages):
// checked to answer with its content, warmed up, then measured with the CPU shares of the run.
import { load, USER_AGENT } from "./http";
import { cpuShare, type CpuShare } from "./proc";
import { log } from "./report";

export interface Page {
  name: string;
  path: string;
  /** Text the page must contain: a page that answers 200 with an error or an empty shell does not count. */
  expect: string;
}

export type PageRun = Awaited<ReturnType<typeof load>> & {
  name: string;
  path: string;
  bytes: number;
  cache: string | null;
  cpu: CpuShare | undefined;
};

/** The server's CPU time per answered request: what a page costs, whatever else the machine is doing. */
export function cpuMsPerAnswer(run: PageRun): number | undefined {
  return run.cpu ? ((run.cpu.appPct / 100) * run.seconds * 1000) / run.ops : undefined;
}

export async function measurePage(
  app: { base: string; pid: number },
  page: Page,
  o: { connections: number; seconds: number; warmupSeconds: number },
): Promise<PageRun> {
  // The first request renders the page and caches it; the second shows how the server answers from then on.
  const first = await fetch(app.base + page.path, { redirect: "manual", headers: { "user-agent": USER_AGENT } });
  const html = await first.text();
  if (first.status !== 200 || !html.includes(page.expect))
    throw new Error(`${page.path}: unexpected answer HTTP ${first.status}: ${html.slice(0, 200)}`);
  const second = await fetch(app.base + page.path, { redirect: "manual", headers: { "user-agent": USER_AGENT } });
  const bytes = (await second.arrayBuffer()).byteLength;
  const cache = second.headers.get("x-nextjs-cache") ?? (second.headers.get("x-nextjs-prerender") ? "prerender" : null);
  const request = { method: "GET", path: page.path, headers: { "user-agent": USER_AGENT } };
  log(
    `  ${page.path}: ${bytes} bytes, x-nextjs-cache ${cache ?? "-"}; warm-up ${o.warmupSeconds} s, then ${o.seconds} s at ${o.connections} connections`,
  );
  await load({ base: app.base, request, connections: o.connections, seconds: o.warmupSeconds });
  const share = cpuShare(app.pid);
  const run = await load({ base: app.base, request, connections: o.connections, seconds: o.seconds });
  const cpu = share();
  if (run.ops === 0) throw new Error(`${page.path}: no successful request (first status ${run.sampleStatus})`);
  return { ...run, name: page.name, path: page.path, bytes, cache, cpu };
}
