import { sql, type Kysely } from "kysely";

// Frozen in time. The agent inbox at a million tickets: teams, categories, tags, saved views, the counters
// behind the view counts, the sort columns and indexes of the list, and the staff full-text index.
//
// Counters are kept by triggers on `tickets`, so every writer (the app, the retention job, an erasure, a
// bulk import) keeps them in its own transaction without knowing about them. Each counter is split in
// 8 slots by ticket id so that concurrent writers rarely wait on the same row; a count sums the slots.

// By capability rather than class (`instanceof` fails across bundles of the built app): only MySQL/MariaDB lacks RETURNING.
const isMysql = (db: Kysely<any>) => !db.getExecutor().adapter.supportsReturning;

// Smaller is more urgent: one ascending index serves "urgent and long-waiting first".
const PRIORITY_ORDER = sql`(case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;

/** The statements a trigger runs to add `delta` to the counters of row `ref` (NEW or OLD). */
function counterStatements(mysql: boolean, ref: "NEW" | "OLD", delta: 1 | -1): string[] {
  const scopes: [string, string][] = [
    ["all", "0"],
    ["assignee", `coalesce(${ref}.assignee_id, 0)`],
    ["team", `coalesce(${ref}.team_id, 0)`],
  ];
  return scopes.map(([scope, id]) => {
    const values = `('${scope}', ${id}, ${ref}.status, ${ref}.id % 8, ${delta})`;
    const head = `insert into inbox_counts (scope, scope_id, status, slot, n) values ${values}`;
    return mysql
      ? `${head} on duplicate key update n = n + (${delta})`
      : `${head} on conflict (scope, scope_id, status, slot) do update set n = n + (${delta})`;
  });
}

const CHANGED =
  "(NEW.status <> OLD.status or coalesce(NEW.assignee_id, 0) <> coalesce(OLD.assignee_id, 0) or coalesce(NEW.team_id, 0) <> coalesce(OLD.team_id, 0))";

async function createCounterTriggers(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db);
  const ins = counterStatements(mysql, "NEW", 1);
  const del = counterStatements(mysql, "OLD", -1);
  if (mysql) {
    await sql.raw(`create trigger tickets_count_insert after insert on tickets for each row begin ${ins.join("; ")}; end`).execute(db);
    await sql.raw(`create trigger tickets_count_delete after delete on tickets for each row begin ${del.join("; ")}; end`).execute(db);
    await sql
      .raw(
        `create trigger tickets_count_update after update on tickets for each row begin if ${CHANGED} then ${[...del, ...ins].join("; ")}; end if; end`,
      )
      .execute(db);
  } else {
    await sql.raw(`create trigger tickets_count_insert after insert on tickets begin ${ins.join("; ")}; end`).execute(db);
    await sql.raw(`create trigger tickets_count_delete after delete on tickets begin ${del.join("; ")}; end`).execute(db);
    await sql
      .raw(`create trigger tickets_count_update after update on tickets when ${CHANGED} begin ${[...del, ...ins].join("; ")}; end`)
      .execute(db);
  }
}

/** Staff search. MariaDB: FULLTEXT indexes, current at commit. SQLite: FTS5 tables kept by triggers in the writing transaction. */
async function createFullText(db: Kysely<any>): Promise<void> {
  if (isMysql(db)) {
    await sql`alter table tickets add fulltext index tickets_fulltext (subject, description)`.execute(db);
    await sql`alter table ticket_messages add fulltext index ticket_messages_fulltext (body)`.execute(db);
    return;
  }
  const tok = "tokenize = 'unicode61 remove_diacritics 2'";
  await sql
    .raw(`create virtual table tickets_fts using fts5(subject, description, content = 'tickets', content_rowid = 'id', ${tok})`)
    .execute(db);
  await sql
    .raw(`create virtual table ticket_messages_fts using fts5(body, content = 'ticket_messages', content_rowid = 'id', ${tok})`)
    .execute(db);
  const statements = [
    `create trigger tickets_fts_insert after insert on tickets begin
       insert into tickets_fts (rowid, subject, description) values (NEW.id, NEW.subject, NEW.description); end`,
    `create trigger tickets_fts_delete after delete on tickets begin
       insert into tickets_fts (tickets_fts, rowid, subject, description) values ('delete', OLD.id, OLD.subject, OLD.description); end`,
    `create trigger tickets_fts_update after update of subject, description on tickets begin
       insert into tickets_fts (tickets_fts, rowid, subject, description) values ('delete', OLD.id, OLD.subject, OLD.description);
       insert into tickets_fts (rowid, subject, description) values (NEW.id, NEW.subject, NEW.description); end`,
    `create trigger ticket_messages_fts_insert after insert on ticket_messages begin
       insert into ticket_messages_fts (rowid, body) values (NEW.id, NEW.body); end`,
    `create trigger ticket_messages_fts_delete after delete on ticket_messages begin
       insert into ticket_messages_fts (ticket_messages_fts, rowid, body) values ('delete', OLD.id, OLD.body); end`,
    `create trigger ticket_messages_fts_update after update of body on ticket_messages begin
       insert into ticket_messages_fts (ticket_messages_fts, rowid, body) values ('delete', OLD.id, OLD.body);
       insert into ticket_messages_fts (rowid, body) values (NEW.id, NEW.body); end`,
    `insert into tickets_fts (tickets_fts) values ('rebuild')`,
    `insert into ticket_messages_fts (ticket_messages_fts) values ('rebuild')`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db);

  await db.schema
    .createTable("teams")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "varchar(80)", (c) => c.notNull().unique())
    .addColumn("lead_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("team_members")
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("team_members_pk", ["team_id", "user_id"])
    .execute();
  await db.schema.createIndex("team_members_user").on("team_members").columns(["user_id", "team_id"]).execute();

  await db.schema
    .createTable("categories")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name_en", "varchar(80)", (c) => c.notNull())
    .addColumn("name_ru", "varchar(80)", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("tags")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // Stored lower-case: equality means the same on both engines.
    .addColumn("name", "varchar(40)", (c) => c.notNull().unique())
    .addColumn("curated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("ticket_tags")
    .addColumn("ticket_id", "integer", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id"))
    .addPrimaryKeyConstraint("ticket_tags_pk", ["ticket_id", "tag_id"])
    .execute();
  await db.schema.createIndex("ticket_tags_tag").on("ticket_tags").columns(["tag_id", "ticket_id"]).execute();

  await db.schema
    .createTable("saved_views")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("owner_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("name", "varchar(80)", (c) => c.notNull())
    // personal | everyone | team
    .addColumn("shared_with", "varchar(16)", (c) => c.notNull())
    .addColumn("team_id", "integer", (c) => c.references("teams.id"))
    .addColumn("filters_json", sql`mediumtext`, (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("saved_views_owner").on("saved_views").columns(["owner_id", "id"]).execute();
  await db.schema.createIndex("saved_views_shared").on("saved_views").columns(["shared_with", "team_id", "id"]).execute();

  await db.schema
    .createTable("inbox_counts")
    .addColumn("scope", "varchar(16)", (c) => c.notNull())
    .addColumn("scope_id", "integer", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("slot", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("inbox_counts_pk", ["scope", "scope_id", "status", "slot"])
    .execute();

  // On SQLite a rolled-back 0012 leaves these two columns behind (it cannot drop a column a foreign key names).
  const ticketColumns = (await db.introspection.getTables()).find((t) => t.name === "tickets")?.columns.map((c) => c.name) ?? [];
  if (!ticketColumns.includes("team_id"))
    await db.schema
      .alterTable("tickets")
      .addColumn("team_id", "integer", (c) => c.references("teams.id"))
      .execute();
  if (!ticketColumns.includes("category_id"))
    await db.schema
      .alterTable("tickets")
      .addColumn("category_id", "integer", (c) => c.references("categories.id"))
      .execute();
  await db.schema
    .alterTable("tickets")
    .addColumn("priority_order", "integer", (c) => c.generatedAlwaysAs(PRIORITY_ORDER))
    .execute();
  // The organisation filter: requesters by the domain of their email, through an index.
  const domain = mysql ? sql`substring_index(email, '@', -1)` : sql`substr(email, instr(email, '@') + 1)`;
  await db.schema
    .alterTable("users")
    .addColumn("email_domain", "varchar(254)", (c) => c.generatedAlwaysAs(domain))
    .execute();
  await db.schema.createIndex("users_email_domain").on("users").columns(["email_domain", "id"]).execute();

  // One index per (view predicate, sort): each first page is a walk down an index that stops after a page.
  const lists: [string, string[]][] = [
    ["open", ["is_open"]],
    ["assignee_open", ["assignee_id", "is_open"]],
    ["team_open", ["team_id", "is_open"]],
    ["status", ["status"]],
    ["all", []],
  ];
  const sorts: [string, string[]][] = [
    ["urgent", ["priority_order", "updated_at", "id"]],
    ["updated", ["updated_at", "id"]],
  ];
  for (const [name, cols] of lists) {
    for (const [sort, sortCols] of sorts) {
      await db.schema
        .createIndex(`tickets_${name}_${sort}`)
        .on("tickets")
        .columns([...cols, ...sortCols])
        .execute();
    }
  }
  // Newest first (by id) for team views; the other view predicates have theirs since 0001 and 0003.
  await db.schema.createIndex("tickets_team_open_id").on("tickets").columns(["team_id", "is_open", "id"]).execute();
  await db.schema.createIndex("tickets_category_id").on("tickets").columns(["category_id", "id"]).execute();

  await sql`insert into inbox_counts (scope, scope_id, status, slot, n)
    select 'all', 0, status, id % 8, count(*) from tickets group by status, id % 8`.execute(db);
  await sql`insert into inbox_counts (scope, scope_id, status, slot, n)
    select 'assignee', coalesce(assignee_id, 0), status, id % 8, count(*) from tickets group by coalesce(assignee_id, 0), status, id % 8`.execute(
    db,
  );
  await sql`insert into inbox_counts (scope, scope_id, status, slot, n)
    select 'team', 0, status, id % 8, count(*) from tickets group by status, id % 8`.execute(db);
  await createCounterTriggers(db);
  await createFullText(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db);
  for (const t of ["tickets_count_insert", "tickets_count_delete", "tickets_count_update"])
    await sql.raw(`drop trigger if exists ${t}`).execute(db);
  if (mysql) {
    await sql`alter table ticket_messages drop index ticket_messages_fulltext`.execute(db);
    await sql`alter table tickets drop index tickets_fulltext`.execute(db);
  } else {
    for (const t of [
      "tickets_fts_insert",
      "tickets_fts_delete",
      "tickets_fts_update",
      "ticket_messages_fts_insert",
      "ticket_messages_fts_delete",
      "ticket_messages_fts_update",
    ])
      await sql.raw(`drop trigger if exists ${t}`).execute(db);
    await sql`drop table tickets_fts`.execute(db);
    await sql`drop table ticket_messages_fts`.execute(db);
  }
  // MariaDB keeps an index while a foreign key needs it: drop the keys on the new columns first (their names are
  // generated). SQLite's DROP INDEX names no table.
  if (mysql) {
    const keys = await sql<{ name: string }>`select constraint_name as name from information_schema.key_column_usage
      where table_schema = database() and table_name = 'tickets' and column_name in ('team_id', 'category_id')
        and referenced_table_name is not null`.execute(db);
    for (const k of keys.rows) await sql`alter table tickets drop foreign key ${sql.id(k.name)}`.execute(db);
  }
  const dropIndex = (name: string, table: string) => (mysql ? db.schema.dropIndex(name).on(table) : db.schema.dropIndex(name)).execute();
  for (const name of ["open", "assignee_open", "team_open", "status", "all"])
    for (const sort of ["urgent", "updated"]) await dropIndex(`tickets_${name}_${sort}`, "tickets");
  await dropIndex("tickets_team_open_id", "tickets");
  await dropIndex("tickets_category_id", "tickets");
  await dropIndex("users_email_domain", "users");
  await db.schema.alterTable("users").dropColumn("email_domain").execute();
  await db.schema.alterTable("tickets").dropColumn("priority_order").execute();
  // SQLite cannot drop a column that a foreign key names: the two columns stay there, unused.
  if (mysql) {
    await db.schema.alterTable("tickets").dropColumn("category_id").execute();
    await db.schema.alterTable("tickets").dropColumn("team_id").execute();
  }
  for (const t of ["inbox_counts", "saved_views", "ticket_tags", "tags", "categories", "team_members", "teams"])
    await db.schema.dropTable(t).execute();
}
