import "server-only";
import crypto from "node:crypto";
import type { AuditExportPage, ExportedEvent } from "./export-audit";

export type AuditExportFormat = "csv" | "json";

export interface AuditExportRange {
  from: number;
  to: number | null;
  exportedAt: number;
}

/** Fetches one page of the export: `after` the last id so far, `through` the head fixed by the first page. */
export type ExportPageFetcher = (after: number, through: number | undefined) => Promise<AuditExportPage>;

export const CSV_COLUMNS = [
  "id",
  "created_at",
  "time_utc",
  "actor_id",
  "actor_role",
  "action",
  "entity_type",
  "entity_id",
  "before_json",
  "after_json",
  "ip",
  "user_agent",
  "prev_hash",
  "hash",
  "payload_key",
  "redactions",
] as const;

/**
 * The last bytes of every export are its own hash: `#export_sha256,<hex>\n` in CSV, `,"exportSha256":"<hex>"}`
 * in JSON. The hash covers every byte before them, so `head -c -80 file.csv | sha256sum` (CSV) and
 * `head -c -83 file.json | sha256sum` (JSON) reproduce it.
 */
export const TRAILER_BYTES: Record<AuditExportFormat, number> = { csv: 80, json: 83 };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One CSV cell. A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return) gets a leading apostrophe (OWASP's advice); the JSON export carries every value unchanged.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(e: ExportedEvent): string {
  return (
    [
      e.id,
      e.createdAt,
      iso(e.createdAt),
      e.actorId,
      e.actorRole,
      e.action,
      e.entityType,
      e.entityId,
      e.before,
      e.after,
      e.ip,
      e.userAgent,
      e.prevHash,
      e.hash,
      e.payloadKey,
      e.redactions,
    ]
      .map(csvCell)
      .join(",") + "\n"
  );
}

async function* exportChunks(format: AuditExportFormat, fetchPage: ExportPageFetcher, range: AuditExportRange): AsyncGenerator<string> {
  let page = await fetchPage(0, undefined);
  const head = page.head;
  if (format === "csv") yield CSV_COLUMNS.join(",") + "\n";
  else {
    const meta = {
      format: "mayak-audit-export/1",
      from: iso(range.from),
      to: range.to === null ? null : iso(range.to),
      exportedAt: iso(range.exportedAt),
      chainHead: head,
    };
    yield `${JSON.stringify(meta).slice(0, -1)},"events":[`;
  }
  let first = true;
  for (;;) {
    if (page.items.length) {
      yield format === "csv"
        ? page.items.map(csvRow).join("")
        : page.items.map((e) => `${first && e === page.items[0] ? "" : ","}\n${JSON.stringify(e)}`).join("");
      first = false;
    }
    if (page.nextAfter === null) break;
    page = await fetchPage(page.nextAfter, head.id);
  }
  if (format === "csv") {
    yield `#chain_head_id,${head.id}\n#chain_head_hash,${head.hash}\n#from,${iso(range.from)}\n#to,${range.to === null ? "" : iso(range.to)}\n#exported_at,${iso(range.exportedAt)}\n`;
  } else {
    yield "\n]";
  }
}

/**
 * The export as a byte stream, one page of events at a time (the database is read by key pages, never
 * all at once), ending with the hash of everything before it.
 */
export function auditExportStream(
  format: AuditExportFormat,
  fetchPage: ExportPageFetcher,
  range: AuditExportRange,
): ReadableStream<Uint8Array> {
  const hash = crypto.createHash("sha256");
  const encoder = new TextEncoder();
  const chunks = exportChunks(format, fetchPage, range);
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      const next = await chunks.next();
      if (next.done) {
        const digest = hash.digest("hex");
        controller.enqueue(encoder.encode(format === "csv" ? `#export_sha256,${digest}\n` : `,"exportSha256":"${digest}"}`));
        controller.close();
        done = true;
        return;
      }
      const bytes = encoder.encode(next.value);
      hash.update(bytes);
      controller.enqueue(bytes);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
