import type { Kysely } from "kysely";

/** Merges, follow-ups and satisfaction ratings. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
