// The help benchmark's settings: each a flag or a BENCH_HELP_* variable (BENCHMARKS.md, "Help center").
import { parseArgs } from "node:util";

export type HelpOptions = ReturnType<typeof readHelpOptions>;

// The budgets of the issue.
export const BUDGET = { searchP95Ms: 15, pageShareOfStatic: 0.8 };
export const verdict = (met: boolean): string => (met ? "met" : "MISSED");

export function readHelpOptions() {
  const { values: flags } = parseArgs({
    options: {
      articles: { type: "string" },
      "search-seconds": { type: "string" },
      "search-connections": { type: "string" },
      "page-seconds": { type: "string" },
      "page-connections": { type: "string" },
      "page-rounds": { type: "string" },
      "skip-pages": { type: "boolean" },
      "skip-servers": { type: "boolean" },
      "server-rounds": { type: "string" },
    },
  });
  const num = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));
  return {
    articles: num(flags.articles ?? process.env.BENCH_HELP_ARTICLES, 10_000),
    searchSeconds: num(flags["search-seconds"] ?? process.env.BENCH_HELP_SEARCH_SECONDS, 15),
    searchConnections: num(flags["search-connections"] ?? process.env.BENCH_HELP_SEARCH_CONNECTIONS, 20),
    pageSeconds: num(flags["page-seconds"] ?? process.env.BENCH_HELP_PAGE_SECONDS, 10),
    pageConnections: num(flags["page-connections"] ?? process.env.BENCH_HELP_PAGE_CONNECTIONS, 10),
    // Each round loads every page once more, then the static page; page figures are means over the rounds.
    pageRounds: num(flags["page-rounds"] ?? process.env.BENCH_HELP_PAGE_ROUNDS, 2),
    skipPages: flags["skip-pages"] ?? process.env.BENCH_HELP_SKIP_PAGES === "1",
    skipServers: flags["skip-servers"] ?? process.env.BENCH_HELP_SKIP_SERVERS === "1",
    serverRounds: num(flags["server-rounds"] ?? process.env.BENCH_HELP_SERVER_ROUNDS, 2),
    floorSeconds: 5,
    warmupSeconds: 2,
  };
}
