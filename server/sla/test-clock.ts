import "server-only";
import { sql } from "kysely";
import { z, ZodError } from "zod";
import { getDb, type DB } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { transact } from "../db/transact";
import { recordAudit } from "../audit/record-audit";
import { sweepSla, type SweepResult } from "./sweep";

export const ZAdvanceClocks = z.object({
  ticketId: z.number().int().positive(),
  minutes: z.number().int().min(1).max(10_080),
});

/**
 * For browser tests only (app/api/test/sla answers only when the test server sets MAYAK_TEST_HOOKS=true): the
 * ticket's clocks move `minutes` into the past, as if that long had passed since they started, and the sweep runs
 * now. A browser test cannot wait for a target's minutes to pass, and every later step (the countdown, a reply
 * recorded as met late) then reads real time as usual. Staff who manage SLAs only; audited.
 */
export async function advanceTicketClocks(db: DB, ctx: RequestCtx, raw: unknown): Promise<SweepResult> {
  if (!can(ctx.actor, "sla.manage")) throw notFound();
  const { ticketId, minutes } = ZAdvanceClocks.parse(raw);
  const back = (col: string) => sql<number>`${sql.ref(col)} - ${minutes * 60_000}`;
  await transact(db, async (trx) => {
    const moved = await trx
      .updateTable("sla_clocks")
      .set({ started_at: back("started_at"), due_at: back("due_at"), warn_at: back("warn_at"), next_check_at: back("next_check_at") })
      .where("ticket_id", "=", ticketId)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) throw notFound();
    await trx
      .updateTable("tickets")
      .set({ sla_due_at: back("sla_due_at"), sla_warn_at: back("sla_warn_at") })
      .where("id", "=", ticketId)
      .execute();
    await recordAudit(trx, ctx, { action: "sla.test_clock_advanced", entityType: "sla_test", entityId: ticketId, after: { minutes } });
  });
  return sweepSla(db, ctx.now());
}

/**
 * POST /api/test/sla { ticketId, minutes } (app/api/test/sla/route.ts): only when the server was started with
 * MAYAK_TEST_HOOKS=true (e2e/sla.spec.ts starts its own); everywhere else the route does not exist.
 */
export async function handleAdvanceRequest(req: Request, ctx: RequestCtx, enabled: boolean): Promise<Response> {
  if (!enabled) return new Response("Not found", { status: 404 });
  try {
    const body: unknown = await req.json();
    return Response.json(await advanceTicketClocks(getDb(), ctx, body));
  } catch (err) {
    if (err instanceof ZodError || err instanceof SyntaxError) return new Response("Bad request", { status: 400 });
    if (err instanceof AppError && err.code === "NOT_FOUND") return new Response("Not found", { status: 404 });
    throw err;
  }
}
