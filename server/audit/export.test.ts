import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAdmin, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import { manualClock } from "../clock";
import type { Actor, RequestCtx } from "../context";
import type { DB } from "../db";
import { transact } from "../db/transact";
import { recordAudit } from "./record-audit";
import { redactAuditEvents } from "./redact-audit";
import { hashEvent } from "./seal";
import { auditExportStream, csvCell, CSV_COLUMNS, TRAILER_BYTES, type AuditExportFormat } from "./export-format";
import type { ExportedEvent } from "./export-audit";

const sha256 = (b: Buffer | string) => crypto.createHash("sha256").update(b).digest("hex");

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

/** An auditor's check of an exported event: its hash from its own fields. */
const recomputed = (e: ExportedEvent) =>
  hashEvent({
    actor_id: e.actorId,
    actor_role: e.actorRole,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    before_json: e.before,
    after_json: e.after,
    ip: e.ip,
    user_agent: e.userAgent,
    created_at: e.createdAt,
    prev_hash: e.prevHash,
    payload_key: e.payloadKey,
    redactions: e.redactions,
  });

describe("CSV cells", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+1", "'+1"],
    ["@cmd", "'@cmd"],
    [" padded", '" padded"'],
  ])("%j -> %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
  it("leaves numbers and empty values alone", () => {
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
  });
});

describeEachDialect("audit export", (use) => {
  const clock = manualClock();
  let admin: Actor, lead: Actor, agent: Actor, customer: Actor;
  let startedAt: number;

  const ctxOf = (actor: Actor): RequestCtx => ({ actor, ip: "192.0.2.5", userAgent: "=cmd|' /C calc'!A0", now: clock.now });

  beforeAll(async () => {
    const db = use();
    [admin, lead, agent, customer] = await Promise.all([makeAdmin(db), makeLead(db), makeAgent(db), makeCustomer(db)]);
    clock.advance(1000);
    startedAt = clock.now();
    for (let i = 0; i < 7; i++) {
      clock.advance(1000);
      await transact(db, (trx) =>
        recordAudit(trx, ctxOf(admin), {
          action: "test.exported",
          entityType: "thing",
          entityId: i,
          after: { n: i, text: 'Кириллица, "quotes"\nand a newline' },
        }),
      );
    }
    // One event redacted, as an erasure leaves it: it must still verify from the export alone.
    const third = await db
      .selectFrom("audit_events")
      .select("id")
      .where("action", "=", "test.exported")
      .orderBy("id")
      .limit(1)
      .offset(2)
      .executeTakeFirstOrThrow();
    await transact(db, (trx) => redactAuditEvents(trx, new Map([[third.id, ["ip", "user_agent", "after_json"] as const]])));
  });

  it("is for those who read the audit trail: others get NOT_FOUND, anonymous UNAUTHORIZED, and nothing is recorded", async () => {
    const db = use();
    const before = await db.selectFrom("audit_events").select("id").execute();
    for (const actor of [agent, customer]) expect(await errorCode(apiAs(db, actor).privacy.auditExportPage({}))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).privacy.auditExportPage({}))).toBe("UNAUTHORIZED");
    expect(await db.selectFrom("audit_events").select("id").execute()).toEqual(before);
  });

  it("pages by key, oldest first, up to the head it started at; the first page records the export after that head", async () => {
    const db = use();
    const api = apiAs(db, lead, clock.now);
    const first = await api.privacy.auditExportPage({ from: startedAt, limit: 3 });
    const head = await db.selectFrom("audit_head").select(["last_id", "last_hash"]).executeTakeFirstOrThrow();
    const exported = await db.selectFrom("audit_events").selectAll().where("action", "=", "audit.exported").executeTakeFirstOrThrow();
    expect(exported.id).toBe(head.last_id);
    expect(first.head.id).toBe(head.last_id - 1);
    const ids = [...first.items.map((e) => e.id)];
    let page = first;
    while (page.nextAfter !== null) {
      page = await api.privacy.auditExportPage({ from: startedAt, limit: 3, after: page.nextAfter, through: first.head.id });
      ids.push(...page.items.map((e) => e.id));
    }
    const expected = await db.selectFrom("audit_events").select("id").where("action", "=", "test.exported").orderBy("id").execute();
    expect(ids).toEqual(expected.map((e) => e.id));
    // Only one export event: later pages record nothing.
    expect(await db.selectFrom("audit_events").select("id").where("action", "=", "audit.exported").execute()).toHaveLength(1);
  });

  async function download(db: DB, format: AuditExportFormat, range: { from: number; to: number | null }) {
    const api = apiAs(db, admin, clock.now);
    const stream = auditExportStream(
      format,
      (after, through) => api.privacy.auditExportPage({ from: range.from, to: range.to ?? undefined, after, through, limit: 2 }),
      { ...range, exportedAt: clock.now() },
    );
    return readAll(stream);
  }

  it("JSON: every event with the chain head, and the file's own hash at the end", async () => {
    const db = use();
    const bytes = await download(db, "json", { from: startedAt, to: startedAt + 6_500 });
    const text = bytes.toString("utf8");
    const doc = JSON.parse(text) as {
      format: string;
      chainHead: { id: number; hash: string };
      events: ExportedEvent[];
      exportSha256: string;
      from: string;
      to: string;
    };
    expect(doc.format).toBe("mayak-audit-export/1");
    expect(doc.exportSha256).toBe(sha256(bytes.subarray(0, bytes.length - TRAILER_BYTES.json)));
    const head = await db.selectFrom("audit_events").select(["id", "hash"]).where("id", "=", doc.chainHead.id).executeTakeFirstOrThrow();
    expect(head.hash).toBe(doc.chainHead.hash);
    // The range: events at startedAt+1000 … +6000.
    expect(doc.events.map((e) => e.entityId)).toEqual(["0", "1", "2", "3", "4", "5"]);
    for (const e of doc.events) expect(recomputed(e)).toBe(e.hash);
    for (let i = 1; i < doc.events.length; i++) expect(doc.events[i].prevHash).toBe(doc.events[i - 1].hash);
    expect(doc.events[2]).toMatchObject({ ip: "", after: null, redacted: ["after_json", "ip", "user_agent"] });
    expect(doc.events[0].after).toBe(JSON.stringify({ n: 0, text: 'Кириллица, "quotes"\nand a newline' }));
  });

  it("CSV: a header, one row per event, the chain head, and the file's own hash as the last line", async () => {
    const db = use();
    const bytes = await download(db, "csv", { from: startedAt, to: null });
    const text = bytes.toString("utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lastLine = text.slice(text.length - TRAILER_BYTES.csv);
    expect(lastLine).toBe(`#export_sha256,${sha256(bytes.subarray(0, bytes.length - TRAILER_BYTES.csv))}\n`);
    expect(text.split("\n")[0]).toBe(CSV_COLUMNS.join(","));
    expect(text).toContain(`\n#chain_head_id,`);
    // Formula-looking values are defused for spreadsheets.
    expect(text).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(text).not.toMatch(/(^|,)=cmd/m);
    const records = text.split("\n").filter((l) => /^\d+,/.test(l));
    const headId = Number(/\n#chain_head_id,(\d+)\n/.exec(text)![1]);
    const inRange = await db
      .selectFrom("audit_events")
      .select("id")
      .where("created_at", ">=", startedAt)
      .where("id", "<=", headId)
      .orderBy("id")
      .execute();
    expect(records.map((l) => Number(l.split(",")[0]))).toEqual(inRange.map((e) => e.id));
    expect(inRange.length).toBeGreaterThanOrEqual(7);
  });
});
