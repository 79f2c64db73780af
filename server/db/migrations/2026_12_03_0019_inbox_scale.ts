import { sql, type Kysely } from "kysely";

// Frozen in time. The agent inbox at a million tickets: staff search reads one search document per ticket.
//
// `ticket_search` holds, for each ticket, its subject and description followed by the bodies of its messages
// (replies and notes), as one text: one full-text row per ticket instead of one per message (5,000,000 messages
// are 1,000,000 documents). Triggers keep it in the writing transaction, whoever writes (the app, a merge, an
// erasure, retention): a message is appended; a changed subject or description replaces the head of the text;
// an edited, moved or deleted message rebuilds the ticket's text from its messages. The order of the messages
// in the text does not matter (it is matched, never shown). A text stops growing at DOC_CAP characters.
// MariaDB: a FULLTEXT index on it. SQLite: an FTS5 table over it (external content), kept by triggers.
// The per-table indexes of 0012 (tickets' subject and description, every message) go.

// By capability rather than class (`instanceof` fails across bundles of the built app): only MySQL/MariaDB lacks RETURNING.
const isMysql = (db: Kysely<any>) => !db.getExecutor().adapter.supportsReturning;

const DOC_CAP = 1_000_000;
const TOK = "tokenize = 'unicode61 remove_diacritics 2'";

/** The statement that rebuilds ticket `id`'s text (an SQL expression) from the ticket and its messages. */
function rebuild(mysql: boolean, id: string): string {
  return mysql
    ? `update ticket_search s join tickets t on t.id = s.ticket_id
         set s.body = left(concat(t.subject, ' ', t.description,
           coalesce((select concat(' ', group_concat(m.body separator ' ')) from ticket_messages m where m.ticket_id = ${id}), '')), ${DOC_CAP})
         where s.ticket_id = ${id}`
    : `update ticket_search set body = substr((select t.subject || ' ' || t.description from tickets t where t.id = ${id}) ||
           coalesce((select ' ' || group_concat(m.body, ' ') from ticket_messages m where m.ticket_id = ${id}), ''), 1, ${DOC_CAP})
         where ticket_id = ${id}`;
}

async function createDocumentTriggers(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db);
  const len = mysql ? "char_length" : "length";
  const changed = (col: string) => (mysql ? `binary NEW.${col} <> binary OLD.${col}` : `NEW.${col} <> OLD.${col}`);
  const ticketInsert = `insert into ticket_search (ticket_id, body) values (NEW.id, ${mysql ? "concat(NEW.subject, ' ', NEW.description)" : "NEW.subject || ' ' || NEW.description"})`;
  const ticketUpdate = mysql
    ? `update ticket_search set body = concat(NEW.subject, ' ', NEW.description, substring(body, char_length(OLD.subject) + char_length(OLD.description) + 2)) where ticket_id = NEW.id`
    : `update ticket_search set body = NEW.subject || ' ' || NEW.description || substr(body, length(OLD.subject) + length(OLD.description) + 2) where ticket_id = NEW.id`;
  const ticketDelete = "delete from ticket_search where ticket_id = OLD.id";
  const messageInsert = `update ticket_search set body = ${mysql ? "concat(body, ' ', NEW.body)" : "body || ' ' || NEW.body"}
    where ticket_id = NEW.ticket_id and ${len}(body) < ${DOC_CAP}`;
  const headChanged = `${changed("subject")} or ${changed("description")}`;
  const messageChanged = `${changed("body")} or NEW.ticket_id <> OLD.ticket_id`;
  if (mysql) {
    // A rebuilt text may pass group_concat's default 1 MB, which strict mode turns into an error.
    const wide = "set session group_concat_max_len = 16777216";
    const statements = [
      `create trigger ticket_search_ticket_insert after insert on tickets for each row ${ticketInsert}`,
      `create trigger ticket_search_ticket_update after update on tickets for each row begin if ${headChanged} then ${ticketUpdate}; end if; end`,
      `create trigger ticket_search_ticket_delete after delete on tickets for each row ${ticketDelete}`,
      `create trigger ticket_search_message_insert after insert on ticket_messages for each row ${messageInsert}`,
      `create trigger ticket_search_message_update after update on ticket_messages for each row begin if ${messageChanged} then
         ${wide}; ${rebuild(true, "OLD.ticket_id")}; if NEW.ticket_id <> OLD.ticket_id then ${rebuild(true, "NEW.ticket_id")}; end if; end if; end`,
      `create trigger ticket_search_message_delete after delete on ticket_messages for each row begin ${wide}; ${rebuild(true, "OLD.ticket_id")}; end`,
    ];
    for (const s of statements) await sql.raw(s).execute(db);
    return;
  }
  const statements = [
    `create trigger ticket_search_ticket_insert after insert on tickets begin ${ticketInsert}; end`,
    `create trigger ticket_search_ticket_update after update of subject, description on tickets when ${headChanged} begin ${ticketUpdate}; end`,
    `create trigger ticket_search_ticket_delete after delete on tickets begin ${ticketDelete}; end`,
    `create trigger ticket_search_message_insert after insert on ticket_messages begin ${messageInsert}; end`,
    `create trigger ticket_search_message_update after update of body, ticket_id on ticket_messages when ${messageChanged} begin
       ${rebuild(false, "OLD.ticket_id")}; ${rebuild(false, "NEW.ticket_id")}; end`,
    `create trigger ticket_search_message_delete after delete on ticket_messages begin ${rebuild(false, "OLD.ticket_id")}; end`,
    // The FTS5 index follows the documents (external content: the old text is given to delete its words).
    `create trigger ticket_search_fts_insert after insert on ticket_search begin
       insert into ticket_search_fts (rowid, body) values (NEW.ticket_id, NEW.body); end`,
    `create trigger ticket_search_fts_delete after delete on ticket_search begin
       insert into ticket_search_fts (ticket_search_fts, rowid, body) values ('delete', OLD.ticket_id, OLD.body); end`,
    `create trigger ticket_search_fts_update after update of body on ticket_search begin
       insert into ticket_search_fts (ticket_search_fts, rowid, body) values ('delete', OLD.ticket_id, OLD.body);
       insert into ticket_search_fts (rowid, body) values (NEW.ticket_id, NEW.body); end`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}

const DOCUMENT_TRIGGERS = [
  "ticket_search_ticket_insert",
  "ticket_search_ticket_update",
  "ticket_search_ticket_delete",
  "ticket_search_message_insert",
  "ticket_search_message_update",
  "ticket_search_message_delete",
  "ticket_search_fts_insert",
  "ticket_search_fts_delete",
  "ticket_search_fts_update",
];

const OLD_FTS_TRIGGERS = [
  "tickets_fts_insert",
  "tickets_fts_delete",
  "tickets_fts_update",
  "ticket_messages_fts_insert",
  "ticket_messages_fts_delete",
  "ticket_messages_fts_update",
];

export async function up(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db);
  await db.schema
    .createTable("ticket_search")
    .addColumn("ticket_id", "integer", (c) => c.primaryKey())
    .addColumn("body", mysql ? sql`longtext` : "text", (c) => c.notNull())
    .execute();
  if (mysql) {
    // One connection: the session's group_concat limit must hold for the INSERT.
    await db.connection().execute(async (c) => {
      await sql`set session group_concat_max_len = 16777216`.execute(c);
      await sql`insert into ticket_search (ticket_id, body)
        select t.id, left(concat(t.subject, ' ', t.description, coalesce(concat(' ', g.body), '')), ${sql.lit(DOC_CAP)})
        from tickets t left join (select ticket_id, group_concat(body separator ' ') as body from ticket_messages group by ticket_id) g
          on g.ticket_id = t.id`.execute(c);
    });
    await sql`alter table tickets drop index tickets_fulltext`.execute(db);
    await sql`alter table ticket_messages drop index ticket_messages_fulltext`.execute(db);
    await sql`alter table ticket_search add fulltext index ticket_search_fulltext (body)`.execute(db);
  } else {
    await sql`insert into ticket_search (ticket_id, body)
      select t.id, substr(t.subject || ' ' || t.description || coalesce(' ' || g.body, ''), 1, ${sql.lit(DOC_CAP)})
      from tickets t left join (select ticket_id, group_concat(body, ' ') as body from ticket_messages group by ticket_id) g
        on g.ticket_id = t.id`.execute(db);
    for (const t of OLD_FTS_TRIGGERS) await sql.raw(`drop trigger if exists ${t}`).execute(db);
    await sql`drop table tickets_fts`.execute(db);
    await sql`drop table ticket_messages_fts`.execute(db);
    await sql
      .raw(`create virtual table ticket_search_fts using fts5(body, content = 'ticket_search', content_rowid = 'ticket_id', ${TOK})`)
      .execute(db);
    await sql`insert into ticket_search_fts (ticket_search_fts) values ('rebuild')`.execute(db);
  }
  await createDocumentTriggers(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const mysql = isMysql(db);
  for (const t of DOCUMENT_TRIGGERS) await sql.raw(`drop trigger if exists ${t}`).execute(db);
  if (mysql) {
    // ALGORITHM=COPY: added in place to a table that had a FULLTEXT index before, MariaDB 10.11's new index finds nothing.
    await sql`alter table tickets add fulltext index tickets_fulltext (subject, description), algorithm = copy`.execute(db);
    await sql`alter table ticket_messages add fulltext index ticket_messages_fulltext (body), algorithm = copy`.execute(db);
    await db.schema.dropTable("ticket_search").execute();
    return;
  }
  await sql`drop table ticket_search_fts`.execute(db);
  await db.schema.dropTable("ticket_search").execute();
  // 0012's FTS5 tables and their triggers, as it made them.
  await sql
    .raw(`create virtual table tickets_fts using fts5(subject, description, content = 'tickets', content_rowid = 'id', ${TOK})`)
    .execute(db);
  await sql
    .raw(`create virtual table ticket_messages_fts using fts5(body, content = 'ticket_messages', content_rowid = 'id', ${TOK})`)
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
