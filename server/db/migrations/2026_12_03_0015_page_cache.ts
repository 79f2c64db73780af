import type { Kysely } from "kysely";

// Frozen in time. Tables for the public page cache shared by instances.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
