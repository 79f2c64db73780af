import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";

// Frozen in time: typed Kysely<any>, imports nothing from the app; the two hash formulas below are copies,
// on purpose, of what the app computed before and after this migration.
//
// Privacy and retention:
// - Audit events become redactable without breaking the hash chain. An event's hash no longer covers its
//   personal fields (entity_id, before_json, after_json, ip, user_agent) directly but a salted digest of each;
//   `payload_key` is the per-event secret the salts derive from. Redacting a field keeps its digest (in
//   `redactions`) and drops the key, so the value cannot be guessed back from what remains.
//   Every existing event is hashed again with the new formula, in id order, after its old hash has been
//   checked; the old chain's head and whatever the check found are kept in an `audit_checkpoints` row.
// - `audit_checkpoints` also records audit retention: the hash of the last pruned event, where the check of
//   the chain starts once older events are deleted.
// - `retention_settings`: one row, everything off.
// - `users.erased_at`, `tickets.anonymised_at`, and an index for the retention job's walk over old closed tickets.

const ZERO = "0".repeat(64);
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const FIELDS = ["entity_id", "before_json", "after_json", "ip", "user_agent"] as const;

interface Row {
  id: number;
  actor_id: number | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  ip: string;
  user_agent: string;
  created_at: number | string;
  prev_hash: string;
  hash: string;
}

/** The formula of migrations 0001–0007: every field, raw. */
function legacyHash(e: Row): string {
  return sha256(
    JSON.stringify([
      e.prev_hash,
      e.actor_id,
      e.actor_role,
      e.action,
      e.entity_type,
      e.entity_id,
      e.before_json,
      e.after_json,
      e.ip,
      e.user_agent,
      Number(e.created_at),
    ]),
  );
}

/** The formula from this migration on (server/audit/seal.ts), for an event with a payload key and no redactions. */
function sealedHash(e: Row, prevHash: string, key: string): string {
  const digests = FIELDS.map((f) => {
    const salt = crypto.createHmac("sha256", key).update(f).digest("hex");
    return sha256(JSON.stringify([f, salt, e[f]]));
  });
  return sha256(
    JSON.stringify(["mayak-audit/2", prevHash, e.actor_id, e.actor_role, e.action, e.entity_type, Number(e.created_at), ...digests]),
  );
}

async function hasColumn(db: Kysely<any>, table: string, column: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return !!tables.find((t) => t.name === table)?.columns.some((c) => c.name === column);
}

export async function up(db: Kysely<any>): Promise<void> {
  // Each step checks first: on MySQL/MariaDB every DDL statement commits, so a run that stopped half way
  // must be able to start again.
  if (!(await hasColumn(db, "audit_events", "payload_key"))) {
    await db.schema.alterTable("audit_events").addColumn("payload_key", "varchar(32)").execute();
  }
  if (!(await hasColumn(db, "audit_events", "redactions"))) {
    await db.schema
      .alterTable("audit_events")
      .addColumn("redactions", sql`text`)
      .execute();
  }
  if (!(await hasColumn(db, "users", "erased_at"))) {
    await db.schema.alterTable("users").addColumn("erased_at", "bigint").execute();
  }
  if (!(await hasColumn(db, "tickets", "anonymised_at"))) {
    await db.schema.alterTable("tickets").addColumn("anonymised_at", "bigint").execute();
    await db.schema.createIndex("tickets_retention").on("tickets").columns(["is_open", "anonymised_at", "updated_at"]).execute();
  }
  await db.schema
    .createTable("audit_checkpoints")
    .ifNotExists()
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // "upgrade": the chain was hashed again by this migration; "pruned": events up to through_id were deleted.
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("through_id", "integer", (c) => c.notNull())
    .addColumn("through_hash", "varchar(64)", (c) => c.notNull())
    // "upgrade" only: the head of the chain under the old formula, as an auditor may have written it down.
    .addColumn("legacy_hash", "varchar(64)")
    .addColumn("checked", "integer", (c) => c.notNull().defaultTo(0))
    // JSON array of { id, problem } found when the events up to through_id were checked, before they changed or went.
    .addColumn("problems", sql`text`)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("retention_settings")
    .ifNotExists()
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("closed_ticket_days", "integer")
    .addColumn("closed_ticket_action", "varchar(16)", (c) => c.notNull().defaultTo("delete"))
    .addColumn("audit_event_days", "integer")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("updated_by", "integer")
    .execute();
  const settings = await db.selectFrom("retention_settings").select("id").where("id", "=", 1).executeTakeFirst();
  if (!settings) {
    await db
      .insertInto("retention_settings")
      .values({
        id: 1,
        closed_ticket_days: null,
        closed_ticket_action: "delete",
        audit_event_days: null,
        updated_at: Date.now(),
        updated_by: null,
      })
      .execute();
  }

  // One transaction: the chain is either all old or all new. Migrations cannot reach the app's transact().
  // eslint-disable-next-line no-restricted-syntax
  await db.transaction().execute(async (trx) => {
    const upgraded = await trx.selectFrom("audit_checkpoints").select("id").where("kind", "=", "upgrade").executeTakeFirst();
    if (upgraded) return;
    const problems: { id: number; problem: string }[] = [];
    let legacyPrev = ZERO;
    let prev = ZERO;
    let lastId = 0;
    let checked = 0;
    for (;;) {
      const rows = (await trx.selectFrom("audit_events").selectAll().where("id", ">", lastId).orderBy("id").limit(1000).execute()) as Row[];
      for (const row of rows) {
        if (row.prev_hash !== legacyPrev) problems.push({ id: row.id, problem: "missing-before" });
        if (legacyHash(row) !== row.hash) problems.push({ id: row.id, problem: "edited" });
        legacyPrev = row.hash;
        const key = crypto.randomBytes(16).toString("hex");
        const hash = sealedHash(row, prev, key);
        await trx.updateTable("audit_events").set({ payload_key: key, prev_hash: prev, hash }).where("id", "=", row.id).execute();
        prev = hash;
        lastId = row.id;
        checked++;
      }
      if (rows.length < 1000) break;
    }
    const head = await trx.selectFrom("audit_head").select(["last_id", "last_hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
    if (head.last_hash !== legacyPrev) problems.push({ id: Number(head.last_id), problem: "missing-after" });
    await trx.updateTable("audit_head").set({ last_hash: prev, last_id: lastId }).where("id", "=", 1).execute();
    await trx
      .insertInto("audit_checkpoints")
      .values({
        kind: "upgrade",
        through_id: lastId,
        through_hash: prev,
        legacy_hash: legacyPrev,
        checked,
        problems: problems.length ? JSON.stringify(problems.slice(0, 1000)) : null,
        created_at: Date.now(),
      })
      .execute();
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  // The old formula needs the values a redaction removed: a trail with redactions cannot go back.
  const redacted = await db.selectFrom("audit_events").select("id").where("redactions", "is not", null).executeTakeFirst();
  if (redacted) throw new Error("audit events have been redacted: the old hash formula cannot cover them");
  // eslint-disable-next-line no-restricted-syntax
  await db.transaction().execute(async (trx) => {
    let prev = ZERO;
    let lastId = 0;
    for (;;) {
      const rows = (await trx.selectFrom("audit_events").selectAll().where("id", ">", lastId).orderBy("id").limit(1000).execute()) as Row[];
      for (const row of rows) {
        const hash = legacyHash({ ...row, prev_hash: prev });
        await trx.updateTable("audit_events").set({ prev_hash: prev, hash }).where("id", "=", row.id).execute();
        prev = hash;
        lastId = row.id;
      }
      if (rows.length < 1000) break;
    }
    await trx.updateTable("audit_head").set({ last_hash: prev, last_id: lastId }).where("id", "=", 1).execute();
  });
  await db.schema.dropTable("retention_settings").execute();
  await db.schema.dropTable("audit_checkpoints").execute();
  // MySQL/MariaDB name the table of an index to drop; SQLite refuses the clause.
  await db.schema
    .dropIndex("tickets_retention")
    .on("tickets")
    .execute()
    .catch(() => db.schema.dropIndex("tickets_retention").execute());
  await db.schema.alterTable("tickets").dropColumn("anonymised_at").execute();
  await db.schema.alterTable("users").dropColumn("erased_at").execute();
  await db.schema.alterTable("audit_events").dropColumn("redactions").execute();
  await db.schema.alterTable("audit_events").dropColumn("payload_key").execute();
}
