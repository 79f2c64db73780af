import type { Kysely } from "kysely";

// Frozen in time. Reserved for the agent inbox at a million tickets (owner: the inbox work); empty until it is needed.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
