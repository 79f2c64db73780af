import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { specsOfHalf } from "./e2e/spec-seconds";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// CI runs the suite in two halves at once (E2E_HALF=1 and 2, each with its own server), balanced by the time each
// spec takes (e2e/spec-seconds.ts); without E2E_HALF every spec runs.
const half = process.env.E2E_HALF === "1" ? 1 : process.env.E2E_HALF === "2" ? 2 : null;
const specs = fs.readdirSync(path.join(import.meta.dirname, "e2e")).filter((f) => f.endsWith(".spec.ts"));

/**
 * Drives Debian's Chromium (never a downloaded browser) against a production build, served as in production
 * (server.mjs), on its own fresh SQLite database with the demo data.
 */
export default defineConfig({
  testDir: "e2e",
  ...(half ? { testMatch: specsOfHalf(specs, half).map((f) => `**/e2e/${f}`) } : {}),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // Recording a trace screenshots every action in the browser: on CI (two browsers and two servers on two cores)
    // that was a large share of the run. A failed test is retried once, and the retry is traced.
    trace: "on-first-retry",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf data/e2e-${PORT} && node server.mjs --port ${PORT} --hostname 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATA_DIR: `data/e2e-${PORT}`,
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret",
      DATABASE_URL: "",
    },
  },
});
