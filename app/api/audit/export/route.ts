import { serverApi } from "@/server/trpc/server";
import { dayStart, downloadError, downloadResponse } from "@/server/privacy/download";
import { auditExportStream, type ExportPageFetcher } from "@/server/audit/export-format";
import { getLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

const DAY = 86_400_000;

/**
 * GET /api/audit/export?format=csv|json&from=YYYY-MM-DD&to=YYYY-MM-DD (both days included, UTC; either may be
 * left out): the audit trail for an auditor (audit.read), streamed a key page at a time.
 */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const format = url.searchParams.get("format") === "json" ? "json" : "csv";
  const from = dayStart(url.searchParams.get("from")) ?? 0;
  const toDay = dayStart(url.searchParams.get("to"));
  const to = toDay === undefined ? undefined : toDay + DAY;
  try {
    // The caller is made now, while the request is at hand; the pages are read as the stream is consumed.
    const api = await serverApi();
    const page = (after: number, through: number | undefined) => api.privacy.auditExportPage({ from, to, after, through, limit: 500 });
    // The first page is read before answering, so that a refusal is a 401 or 404 rather than a broken file.
    const first = await page(0, undefined);
    const fetchPage: ExportPageFetcher = (after, through) =>
      after === 0 && through === undefined ? Promise.resolve(first) : page(after, through);
    const stream = auditExportStream(format, fetchPage, { from, to: to ?? null, exportedAt: Date.now() });
    const name = `mayak-audit-${url.searchParams.get("from") ?? "start"}_${url.searchParams.get("to") ?? "now"}.${format}`;
    return downloadResponse(stream, name, format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8");
  } catch (err) {
    return downloadError(err, await getLocale());
  }
}
