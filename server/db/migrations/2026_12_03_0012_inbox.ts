import type { Kysely } from "kysely";

// Frozen in time. Tables for the agent inbox (views, counters, staff search).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
