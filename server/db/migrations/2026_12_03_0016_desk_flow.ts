import type { Kysely } from "kysely";

/** Teams and routing, availability, notifications. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
