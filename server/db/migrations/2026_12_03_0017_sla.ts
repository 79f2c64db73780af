import type { Kysely } from "kysely";

/** Business-hours calendars, SLA policies, clocks and recorded targets. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
