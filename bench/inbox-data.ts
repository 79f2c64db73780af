import { sql } from "kysely";
import type { DB } from "../server/db";
import { dialectOf } from "../server/db/dialect";
import { transact } from "../server/db/transact";
import { prng } from "../lib/prng";
import { wordPicker, type Vocabulary } from "./inbox-vocabulary";

/**
 * The inbox benchmark's data: customers in organisations (email domains), agents in teams, categories, tags,
 * and `tickets` tickets with `messagesPerTicket` messages each, written with multi-row INSERTs (thousands of
 * rows per statement, one transaction per batch) through the app's own connection, so the counters and
 * full-text indexes are kept exactly as the app keeps them (triggers on SQLite and MariaDB; MariaDB's FULLTEXT
 * indexes may be dropped for the load and built once afterwards, as an import would do).
 */
export interface InboxDataOptions {
  tickets: number;
  messagesPerTicket: number;
  customers?: number;
  organisations?: number;
  agents?: number;
  /** Staff ids that must appear among the assignees and team members (the signed-in agent of the benchmark). */
  extraStaff?: number[];
  /** MariaDB: drop the FULLTEXT indexes during the load and build them at the end (much faster for millions of messages). */
  deferFullText?: boolean;
  /** The words of subjects, descriptions and messages (bench/inbox-vocabulary.ts); "uniform" by default. */
  vocabulary?: Vocabulary;
  log?: (line: string) => void;
}

const PRIORITIES = ["low", "normal", "normal", "normal", "high", "urgent"] as const;
// One ticket in five open, as in the other benchmarks.
const STATUSES = ["new", "open", "pending", "on_hold", ...Array(8).fill("solved"), ...Array(8).fill("closed")] as const;

/** Sentences of `words` words, one in five Russian. */
function sentences(vocabulary: Vocabulary): (rand: () => number, words: number) => string {
  const en = wordPicker(vocabulary, "en");
  const ru = wordPicker(vocabulary, "ru");
  return (rand, words) => {
    const pick = rand() < 0.2 ? ru : en;
    return Array.from({ length: words }, () => pick(rand)).join(" ");
  };
}

/** MariaDB's FULLTEXT indexes of this database: dropped for a bulk load and built again after it. */
async function fullTextIndexes(db: DB): Promise<{ table: string; name: string; columns: string }[]> {
  const r = await sql<{ t: string; n: string; c: string }>`select table_name as t, index_name as n,
      group_concat(column_name order by seq_in_index separator ', ') as c
    from information_schema.statistics where table_schema = database() and index_type = 'FULLTEXT'
    group by table_name, index_name order by table_name, index_name`.execute(db);
  return r.rows.map((x) => ({ table: x.t, name: x.n, columns: x.c }));
}

async function insertBatches<T>(
  db: DB,
  table: string,
  rows: number,
  batch: number,
  row: (i: number) => T,
  log?: (s: string) => void,
): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < rows; i += batch) {
    const values = Array.from({ length: Math.min(batch, rows - i) }, (_, k) => row(i + k));
    // One loader for every table of the benchmark: the rows' types are the callers' business.
    await transact(db, (trx) =>
      trx
        .insertInto(table as never)
        .values(values as never)
        .execute(),
    );
    if (log && (i / batch) % 50 === 49) log(`  ${table}: ${i + values.length} rows, ${Math.round((performance.now() - started) / 1000)} s`);
  }
}

export async function generateInboxData(
  db: DB,
  o: InboxDataOptions,
): Promise<{ seconds: Record<string, number>; teamIds: number[]; tagNames: string[] }> {
  const rand = prng(20261203);
  const sentence = sentences(o.vocabulary ?? "uniform");
  const mysql = dialectOf(db) === "mysql";
  // SQLite binds at most 32,766 parameters per statement.
  const batch = (cols: number) => Math.floor((mysql ? 60_000 : 32_000) / cols);
  const customers = o.customers ?? 20_000;
  const orgs = o.organisations ?? 2_000;
  const agentCount = o.agents ?? 40;
  const seconds: Record<string, number> = {};
  const time = async (what: string, fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    seconds[what] = Math.round((performance.now() - t0) / 100) / 10;
    o.log?.(`${what}: ${seconds[what]} s`);
  };
  const now = Date.now();
  const hash = "$argon2id$v=19$m=19456,t=2,p=1$bench$bench";
  const firstUser =
    Number(
      (
        await db
          .selectFrom("users")
          .select((eb) => eb.fn.max("id").as("m"))
          .executeTakeFirstOrThrow()
      ).m ?? 0,
    ) + 1;
  const user = (i: number, role: "customer" | "agent") => ({
    email: role === "customer" ? `c${i}@org${i % orgs}.example` : `agent${i}@bench.example`,
    name: role === "customer" ? `Customer ${i}` : `Agent ${i}`,
    role,
    locale: i % 5 === 0 ? "ru" : "en",
    disabled: 0,
    password_hash: hash,
    invite_token_hash: null,
    invite_expires_at: null,
    created_at: now,
    updated_at: now,
    last_sign_in_at: null,
  });
  await time("users", async () => {
    await insertBatches(db, "users", agentCount, 500, (i) => user(i, "agent"));
    await insertBatches(db, "users", customers, batch(11), (i) => user(i, "customer"));
  });
  const agents = [...Array.from({ length: agentCount }, (_, i) => firstUser + i), ...(o.extraStaff ?? [])];
  const customerIds = (i: number) => firstUser + agentCount + i;

  const teamIds: number[] = [];
  for (const name of ["Billing", "Platform", "Mobile", "Integrations", "Accounts"]) {
    const res = await db
      .insertInto("teams")
      .values({ name: `${name} (bench)`, lead_id: null, created_at: now, updated_at: now })
      .executeTakeFirstOrThrow();
    teamIds.push(Number(res.insertId));
  }
  await db
    .insertInto("team_members")
    .values(agents.map((user_id, i) => ({ team_id: teamIds[i % teamIds.length], user_id, created_at: now })))
    .execute();
  const categoryIds: number[] = [];
  for (const [en, ru] of [
    ["Billing", "Оплата"],
    ["Sign-in", "Вход"],
    ["Bugs", "Ошибки"],
    ["Integrations", "Интеграции"],
    ["Other", "Другое"],
  ]) {
    const res = await db
      .insertInto("categories")
      .values({ name_en: `${en} (bench)`, name_ru: ru, created_at: now, updated_at: now })
      .executeTakeFirstOrThrow();
    categoryIds.push(Number(res.insertId));
  }
  // 50 tags on every second ticket (10,000 tickets each at a million), and one rare tag on one ticket in 1,000.
  const tagNames = [...Array.from({ length: 50 }, (_, i) => `tag-${i}`), "rare-50"];
  await db
    .insertInto("tags")
    .values(tagNames.map((name, i) => ({ name, curated: i < 10 ? 1 : 0, created_at: now })))
    .execute();
  const firstTag = Number((await db.selectFrom("tags").select("id").where("name", "=", tagNames[0]).executeTakeFirstOrThrow()).id);

  const deferred = mysql && o.deferFullText ? await fullTextIndexes(db) : [];
  for (const ix of deferred) await sql`alter table ${sql.id(ix.table)} drop index ${sql.id(ix.name)}`.execute(db);
  const firstTicket =
    Number(
      (
        await db
          .selectFrom("tickets")
          .select((eb) => eb.fn.max("id").as("m"))
          .executeTakeFirstOrThrow()
      ).m ?? 0,
    ) + 1;
  const span = 2 * 365 * 86_400_000;
  const start = now - span;
  const step = span / o.tickets;
  await time("tickets", () =>
    insertBatches(
      db,
      "tickets",
      o.tickets,
      batch(19),
      (i) => {
        const status = STATUSES[Math.floor(rand() * STATUSES.length)];
        const created = Math.round(start + i * step);
        const closed = status === "solved" || status === "closed";
        return {
          requester_id: customerIds(Math.floor(rand() * customers)),
          assignee_id: rand() < 0.3 ? null : agents[Math.floor(rand() * agents.length)],
          team_id: rand() < 0.2 ? null : teamIds[Math.floor(rand() * teamIds.length)],
          category_id: categoryIds[Math.floor(rand() * categoryIds.length)],
          subject: sentence(rand, 5),
          description: sentence(rand, 20),
          steps: "",
          expected: "",
          actual: "",
          page_url: "",
          priority: PRIORITIES[Math.floor(rand() * PRIORITIES.length)],
          status,
          is_open: closed ? 0 : 1,
          created_at: created,
          updated_at: created + Math.round(rand() * step * 50),
          first_response_at: null,
          solved_at: closed ? created + 3_600_000 : null,
        };
      },
      o.log,
    ),
  );
  await time("ticket_tags", async () => {
    await insertBatches(
      db,
      "ticket_tags",
      Math.floor(o.tickets / 2),
      batch(2),
      (i) => ({ ticket_id: firstTicket + i * 2, tag_id: firstTag + (i % 50) }),
      o.log,
    );
    // Odd tickets only: never the same row as the common tags'.
    await insertBatches(db, "ticket_tags", Math.floor(o.tickets / 1000), batch(2), (i) => ({
      ticket_id: firstTicket + i * 1000 + 1,
      tag_id: firstTag + 50,
    }));
  });
  const messages = o.tickets * o.messagesPerTicket;
  await time("ticket_messages", () =>
    insertBatches(
      db,
      "ticket_messages",
      messages,
      batch(5),
      (i) => {
        const ticket = firstTicket + Math.floor(i / o.messagesPerTicket);
        return {
          ticket_id: ticket,
          author_id: i % 2 ? agents[i % agents.length] : customerIds(i % customers),
          kind: i % 7 === 3 ? "note" : "reply",
          body: sentence(rand, 15),
          created_at: Math.round(start + (ticket - firstTicket) * step) + (i % o.messagesPerTicket) * 60_000,
        };
      },
      o.log,
    ),
  );
  for (const ix of deferred) {
    await time(`fulltext index ${ix.name}`, async () => {
      const columns = ix.columns.split(", ").map((c) => sql.id(c));
      // ALGORITHM=COPY: added in place to a table that had a FULLTEXT index before, MariaDB 10.11's new index
      // finds nothing (the table keeps its old hidden document ids); a copy builds it whole.
      await sql`alter table ${sql.id(ix.table)} add fulltext index ${sql.id(ix.name)} (${sql.join(columns)}), algorithm = copy`.execute(db);
    });
  }
  await time("analyze", async () => {
    if (mysql)
      for (const t of ["tickets", "ticket_messages", "ticket_tags", "users", "inbox_counts", ...deferred.map((d) => d.table)])
        await sql.raw(`analyze table ${t}`).execute(db);
    else await sql`analyze`.execute(db);
  });
  return { seconds, teamIds, tagNames };
}
