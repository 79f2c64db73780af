// Article and FAQ pages against the static /contact page served by the same server, on the seeded
// database (the 106 real entries, not the 10,000 generated ones): the budget is a share of the static rate.
import type { AppServer } from "../server";
import { cpuMsPerAnswer, measurePage, type Page, type PageRun } from "../pages";
import { log } from "../report";
import { r1, r2 } from "../stats";
import { BUDGET, verdict, type HelpOptions } from "./options";

const PAGES: Page[] = [
  { name: "article (en)", path: "/help/articles/report-an-incident", expect: "How to report an incident" },
  { name: "article (ru)", path: "/ru/help/articles/kak-soobshchit-ob-incidente", expect: "Как сообщить об инциденте" },
  { name: "faq (en)", path: "/faq", expect: "are-backups-encrypted" },
];
const STATIC: Page = { name: "contact (static)", path: "/contact", expect: "<h1" };

/** The static page, then each round every page and the static page again, one URL after the other. */
export async function runPages(app: AppServer, o: HelpOptions): Promise<PageRun[]> {
  const pageRuns: PageRun[] = [];
  if (o.skipPages) return pageRuns;
  const measure = async (page: Page) => {
    const run = await measurePage(app, page, { connections: o.pageConnections, seconds: o.pageSeconds, warmupSeconds: o.warmupSeconds });
    log(
      `  ${page.path}: ${run.perSecond} req/s, p50 ${run.p50} / p95 ${run.p95} / p99 ${run.p99} ms, ${run.errors} errors; CPU ${JSON.stringify(run.cpu)}`,
    );
    return run;
  };
  log(`pages, seeded database: ${o.pageConnections} connections, ${o.pageSeconds} s each, one after the other`);
  pageRuns.push(await measure(STATIC));
  for (let round = 0; round < o.pageRounds; round++) {
    for (const p of PAGES) pageRuns.push(await measure(p));
    // The static page again after each round: the spread between its runs is the noise of the machine.
    pageRuns.push(await measure(STATIC));
  }
  return pageRuns;
}

export type PageFigures = ReturnType<typeof pageFigures>;

/** Means over the rounds, each page against the static page. */
export function pageFigures(pageRuns: PageRun[]) {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // The server's CPU time per answer: the same comparison from the server's side, less disturbed by other load.
  const cpuMs = (r: PageRun) => cpuMsPerAnswer(r) ?? NaN;
  const staticRuns = pageRuns.filter((r) => r.path === STATIC.path);
  const staticPerSecond = r1(mean(staticRuns.map((r) => r.perSecond)));
  const staticCpuMsPerAnswer = r2(mean(staticRuns.map(cpuMs)));
  const pages = PAGES.filter(() => pageRuns.length > 0).map((p) => {
    const runs = pageRuns.filter((r) => r.path === p.path);
    const perSecond = r1(mean(runs.map((r) => r.perSecond)));
    const share = r2(perSecond / staticPerSecond);
    const pageCpuMs = r2(mean(runs.map(cpuMs)));
    return {
      path: p.path,
      runs,
      bytes: runs[0]!.bytes,
      perSecond,
      shareOfStatic: share,
      budgetMet: share >= BUDGET.pageShareOfStatic,
      cpuMsPerAnswer: pageCpuMs,
      cpuShareOfStatic: r2(staticCpuMsPerAnswer / pageCpuMs),
    };
  });
  return { staticRuns, staticPerSecond, staticCpuMsPerAnswer, pages };
}

export function printPages(f: PageFigures, o: HelpOptions): void {
  if (!o.skipPages)
    console.log(
      `  pages, ${o.pageConnections} connections, ${o.pageSeconds} s each, ${o.pageRounds} round(s); static /contact ${f.staticRuns.map((r) => `${r.perSecond} (other processes ${r.cpu?.otherPct ?? "?"} % CPU)`).join(", ")} req/s (mean ${f.staticPerSecond}; ${f.staticCpuMsPerAnswer} ms of server CPU per answer)`,
    );
  for (const p of f.pages) {
    console.log(
      `    ${p.path}: ${p.runs.map((r) => r.perSecond).join(", ")} req/s, mean ${p.perSecond} (${Math.round(p.shareOfStatic * 100)} % of static); p95 ${p.runs.map((r) => r.p95).join(", ")} ms; ${p.bytes} bytes, errors ${p.runs.reduce((a, r) => a + r.errors, 0)}, other processes ${p.runs.map((r) => r.cpu?.otherPct ?? "?").join(", ")} % CPU  -> budget >= ${BUDGET.pageShareOfStatic * 100} %: ${verdict(p.budgetMet)}`,
    );
    console.log(
      `      server CPU per answer ${p.cpuMsPerAnswer} ms: ${Math.round(p.cpuShareOfStatic * 100)} % of the static page's rate by CPU`,
    );
  }
}
