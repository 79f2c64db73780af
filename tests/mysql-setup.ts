import { createConnection } from "mysql2/promise";
import type { TestProject } from "vitest/node";
import { createMigrated, poolName } from "./mysql-pool";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's prefix for its pooled MariaDB databases (tests/mysql-pool.ts). */
    mysqlRun: string;
  }
}

const STALE_MS = 6 * 3600_000;

/**
 * Global setup: names this run (so runs side by side never share a database), migrates its template database
 * when MYSQL_TEST_URL is set, and drops the run's databases at the end, and any left by a run that died hours ago.
 */
export default async function setup(project: TestProject) {
  const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  project.provide("mysqlRun", run);
  const base = process.env.MYSQL_TEST_URL;
  if (!base) return;
  await dropDatabases(base, (name) => {
    const stamp = /^mayak_p_([0-9a-z]{8})[0-9a-z]{4}_/.exec(name)?.[1];
    return stamp !== undefined && Date.now() - parseInt(stamp, 36) > STALE_MS;
  });
  await createMigrated(base, poolName(run, "base"));
  return () => dropDatabases(base, (name) => name.startsWith(poolName(run, "")));
}

async function dropDatabases(base: string, which: (name: string) => boolean): Promise<void> {
  const c = await createConnection({ uri: base });
  try {
    const [rows] = await c.query("SHOW DATABASES LIKE 'mayak\\_p\\_%'");
    for (const row of rows as Record<string, string>[]) {
      const name = Object.values(row)[0];
      if (which(name)) await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  } finally {
    await c.end();
  }
}
