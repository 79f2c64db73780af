import type { Kysely } from "kysely";

// Frozen in time. Reserved for SLA sweep and clocks at scale (owner: the SLA work); empty until it is needed.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
