import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Server modules import "server-only", which throws outside React's server environment; tests run them in
      // plain Node, like the scripts (`tsx --conditions=react-server`). Next still enforces it in the build.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["server/**/*.test.ts", "lib/**/*.test.ts", "tests/**/*.test.ts"],
    // Names the run and migrates its MariaDB template once (tests/mysql-pool.ts reuses databases between suites).
    globalSetup: ["tests/mysql-setup.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
