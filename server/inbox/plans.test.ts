import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/db";
import { makeAgent } from "@/tests/factories";
import type { DB } from "../db";
import type { Actor } from "../context";
import { generateInboxData } from "@/bench/inbox-data";
import { INBOX_SORTS, INBOX_VIEWS } from "@/lib/tickets";
import { SLA_VIEWS, ZInboxFilters, type TInboxFilters } from "./filters";
import { listQuery, tagMode, type TagMode } from "./find-inbox-tickets";
import { teamIdsOf } from "./counts";

interface PlanRow {
  table: string | null;
  type: string | null;
  key: string | null;
  Extra: string | null;
}

/**
 * EXPLAIN on MariaDB for every list the inbox runs: each view's first page in each order, and lists with two
 * filters. With 30,000 tickets (one in five open) the optimizer's choice is the one it makes at a million: no
 * table is read whole, and the lists of a view in its order walk an index instead of sorting.
 */
describe.skipIf(!process.env.MYSQL_TEST_URL)("inbox query plans [mysql]", () => {
  let db: DB;
  let destroy: () => Promise<void>;
  let agent: Actor;
  let teams: number[];
  let tag: string;
  let rareTag: string;

  beforeAll(async () => {
    ({ db, destroy } = await createTestDb("mysql"));
    agent = await makeAgent(db);
    const data = await generateInboxData(db, {
      tickets: 30_000,
      messagesPerTicket: 0,
      customers: 2_000,
      organisations: 200,
      extraStaff: [agent.id],
    });
    teams = await teamIdsOf(db, agent.id);
    tag = data.tagNames[3];
    rareTag = data.tagNames[50];
    return destroy;
  }, 240_000);

  async function plan(filters: Partial<TInboxFilters>, tags: TagMode = "probe"): Promise<PlanRow[]> {
    const f = ZInboxFilters.parse(filters);
    const compiled = listQuery(db, f, agent, teams, Date.now(), tags).limit(26).compile();
    const res = await sql.raw<PlanRow>(`explain ${inline(compiled.sql, compiled.parameters)}`).execute(db);
    return res.rows;
  }

  it("walks an index in order for every view's first page, in every order", async () => {
    for (const view of INBOX_VIEWS) {
      for (const sort of INBOX_SORTS) {
        const rows = await plan({ view, sort });
        const t = rows.find((r) => r.table === "t")!;
        const label = `${view} by ${sort}: ${JSON.stringify(rows)}`;
        expect(t.type, label).not.toBe("ALL");
        expect(t.key, label).not.toBeNull();
        expect(t.Extra ?? "", label).not.toContain("filesort");
      }
    }
  });

  it("walks an index for the SLA views and for every view in SLA due order", async () => {
    // Running clocks on the open tickets, due over the next days (the generator writes no SLA).
    await sql`update tickets set sla_due_at = ${Date.now()} + (id % 5000) * 60000 where is_open = 1`.execute(db);
    const lists: Partial<TInboxFilters>[] = [
      ...SLA_VIEWS.flatMap((view) => INBOX_SORTS.map((sort) => ({ view, sort }))),
      ...INBOX_VIEWS.map((view) => ({ view, sort: "due" as const })),
    ];
    for (const f of lists) {
      const rows = await plan(f);
      const t = rows.find((r) => r.table === "t")!;
      const label = `${JSON.stringify(f)}: ${JSON.stringify(rows)}`;
      expect(t.type, label).not.toBe("ALL");
      expect(t.key, label).not.toBeNull();
      expect(t.Extra ?? "", label).not.toContain("filesort");
    }
  });

  it("walks the list's index for a common tag and reads a rare tag's tickets from the tag's index", async () => {
    expect(await tagMode(db, rareTag)).toBe("drive");
    // At a million tickets a common tag has 10,000 (probe); here 300, under the threshold, so both ways are planned.
    for (const f of [
      { view: "open", priority: "urgent", tag },
      { view: "all", tag, sort: "updated" },
    ] as Partial<TInboxFilters>[]) {
      const walked = await plan(f, "probe");
      const label = `${JSON.stringify(f)} probe: ${JSON.stringify(walked)}`;
      const t = walked.find((r) => r.table === "t")!;
      expect(walked[0].table, label).toBe("t");
      expect(t.key, label).not.toBeNull();
      expect(t.type, label).not.toBe("ALL");
      expect(t.Extra ?? "", label).not.toContain("filesort");
      expect(walked.find((r) => r.table === "tt")?.key, label).toBe("PRIMARY");
      const driven = await plan({ ...f, tag: rareTag }, "drive");
      const label2 = `${JSON.stringify(f)} drive: ${JSON.stringify(driven)}`;
      for (const r of driven) expect(r.type, label2).not.toBe("ALL");
      expect(driven.find((r) => r.table === "tt")?.key, label2).toBe("ticket_tags_tag");
      expect(driven.find((r) => r.table === "t")?.key, label2).toBe("PRIMARY");
    }
  });

  it("uses an index for lists with two filters", async () => {
    const lists: Partial<TInboxFilters>[] = [
      { view: "open", priority: "urgent", tag },
      { view: "open", assignee: "none", priority: "high" },
      { view: "open", team: teams[0], category: 1 },
      { view: "open", requester: "org7.example", priority: "normal" },
      { view: "all", tag, status: "pending", sort: "updated" },
    ];
    for (const f of lists) {
      const rows = await plan(f);
      const label = `${JSON.stringify(f)}: ${JSON.stringify(rows)}`;
      for (const r of rows) expect(r.type, label).not.toBe("ALL");
      expect(rows.find((r) => r.table === "t")?.key, label).not.toBeNull();
    }
  });
});

/** The statement with its parameters written in, for EXPLAIN (numbers and plain strings only). */
function inline(text: string, params: readonly unknown[]): string {
  let i = 0;
  return text.replace(/\?/g, () => {
    const v = params[i++];
    return typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}
