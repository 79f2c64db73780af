import { hashEvent, type HashedFields } from "../server/audit/record-audit";
import type { BenchDb } from "./db";

/**
 * The raw SQL for the work the app does, through the same drivers: what the HTTP figures are compared with.
 * Same statements as server/tickets/create-ticket.ts + server/audit/record-audit.ts and
 * server/tickets/find-tickets.ts, written by hand, without HTTP, sessions, tRPC or Kysely.
 */
export interface Baseline {
  createTicket(i: number): Promise<void> | void;
  inboxList(): Promise<unknown> | unknown;
  inboxCounts(): Promise<unknown> | unknown;
}

export const LIST_SQL = `select t.id, t.subject, t.status, t.priority, t.created_at, t.updated_at,
    r.name as requester_name, a.name as assignee_name
  from tickets as t
  inner join users as r on r.id = t.requester_id
  left join users as a on a.id = t.assignee_id
  where t.is_open = 1
  order by t.id desc limit ?`;
export const COUNTS_SQL = `select count(*) as open_count,
    sum(case when assignee_id = ? then 1 else 0 end) as mine,
    sum(case when assignee_id is null then 1 else 0 end) as unassigned
  from tickets where is_open = 1`;
const INSERT_TICKET = `insert into tickets (requester_id, assignee_id, subject, description, steps, expected, actual,
    page_url, priority, status, is_open, created_at, updated_at, first_response_at, solved_at)
  values (?, null, ?, ?, '', '', '', '', ?, 'new', 1, ?, ?, null, null)`;
const INSERT_AUDIT = `insert into audit_events (actor_id, actor_role, action, entity_type, entity_id, before_json, after_json,
    ip, user_agent, created_at, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const UPDATE_HEAD = "update audit_head set last_hash = ?, last_id = ? where id = 1";

export interface TicketSpec {
  requesterId: number;
  agentId: number;
  subject: (i: number) => string;
  description: string;
  ip: (i: number) => string;
  userAgent: string;
}

function auditFields(spec: TicketSpec, i: number, ticketId: number, prevHash: string, now: number): HashedFields {
  return {
    actor_id: spec.requesterId,
    actor_role: "customer",
    action: "ticket.created",
    entity_type: "ticket",
    entity_id: String(ticketId),
    before_json: null,
    after_json: JSON.stringify({ subject: spec.subject(i), priority: "normal", status: "new" }),
    ip: spec.ip(i),
    user_agent: spec.userAgent,
    created_at: now,
    prev_hash: prevHash,
  };
}

const auditRow = (f: HashedFields, hash: string) => [
  f.actor_id,
  f.actor_role,
  f.action,
  f.entity_type,
  f.entity_id,
  f.before_json,
  f.after_json,
  f.ip,
  f.user_agent,
  f.created_at,
  f.prev_hash,
  hash,
];

/** The database's plan for the inbox queries: the first thing to look at when the inbox is slow. */
export async function explainInbox(db: BenchDb, agentId: number): Promise<{ list: string[]; counts: string[] }> {
  const explain = async (sql: string, params: unknown[]) => {
    if (db.dialect === "sqlite") {
      return (db.sqlite.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    }
    const [rows] = await db.pool.query(`explain ${sql}`, params);
    return (rows as Record<string, unknown>[]).map((r) => `${r.table}: ${r.type} key=${r.key} rows=${r.rows} ${r.Extra ?? ""}`.trim());
  };
  return { list: await explain(LIST_SQL, [26]), counts: await explain(COUNTS_SQL, [agentId]) };
}

export function makeBaseline(db: BenchDb, spec: TicketSpec): Baseline {
  if (db.dialect === "sqlite") {
    const s = db.sqlite;
    const list = s.prepare(LIST_SQL);
    const counts = s.prepare(COUNTS_SQL);
    const insertTicket = s.prepare(INSERT_TICKET);
    const head = s.prepare("select last_hash from audit_head where id = 1");
    const insertAudit = s.prepare(INSERT_AUDIT);
    const updateHead = s.prepare(UPDATE_HEAD);
    const create = s.transaction((i: number) => {
      const now = Date.now();
      const id = Number(insertTicket.run(spec.requesterId, spec.subject(i), spec.description, "normal", now, now).lastInsertRowid);
      const { last_hash } = head.get() as { last_hash: string };
      const f = auditFields(spec, i, id, last_hash, now);
      const hash = hashEvent(f);
      const auditId = Number(insertAudit.run(...auditRow(f, hash)).lastInsertRowid);
      updateHead.run(hash, auditId);
    });
    return {
      createTicket: (i) => create(i),
      inboxList: () => list.all(26),
      inboxCounts: () => counts.get(spec.agentId),
    };
  }
  const pool = db.pool;
  return {
    async createTicket(i) {
      const conn = await pool.getConnection();
      try {
        await conn.query("begin");
        const now = Date.now();
        const [res] = await conn.query(INSERT_TICKET, [spec.requesterId, spec.subject(i), spec.description, "normal", now, now]);
        const id = (res as { insertId: number }).insertId;
        const [rows] = await conn.query("select last_hash from audit_head where id = 1 for update");
        const f = auditFields(spec, i, id, (rows as { last_hash: string }[])[0]!.last_hash, now);
        const hash = hashEvent(f);
        const [audit] = await conn.query(INSERT_AUDIT, auditRow(f, hash));
        await conn.query(UPDATE_HEAD, [hash, (audit as { insertId: number }).insertId]);
        await conn.query("commit");
      } catch (err) {
        await conn.query("rollback");
        throw err;
      } finally {
        conn.release();
      }
    },
    inboxList: () => pool.query(LIST_SQL, [26]),
    inboxCounts: () => pool.query(COUNTS_SQL, [spec.agentId]),
  };
}
