import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import {
  deleteCalendar,
  deletePolicy,
  findSlaSetup,
  movePolicy,
  saveCalendar,
  savePolicy,
  ZId,
  ZMovePolicy,
  ZSaveCalendar,
  ZSavePolicy,
} from "../../sla/admin";
import { getTicketSla } from "../../sla/get-ticket-sla";
import { readSlaCounts } from "../../inbox/counts";

/** Procedures of SLA policies and business-hours calendars (sla.manage), and the clocks agents read. */
export const slaRouter = router({
  setup: procedure("sla.manage").query(({ ctx }) => findSlaSetup(ctx.db, ctx)),
  saveCalendar: procedure("sla.manage")
    .input(ZSaveCalendar)
    .mutation(({ ctx, input }) => saveCalendar(ctx.db, ctx, input)),
  deleteCalendar: procedure("sla.manage")
    .input(ZId)
    .mutation(({ ctx, input }) => deleteCalendar(ctx.db, ctx, input)),
  savePolicy: procedure("sla.manage")
    .input(ZSavePolicy)
    .mutation(({ ctx, input }) => savePolicy(ctx.db, ctx, input)),
  deletePolicy: procedure("sla.manage")
    .input(ZId)
    .mutation(({ ctx, input }) => deletePolicy(ctx.db, ctx, input)),
  movePolicy: procedure("sla.manage")
    .input(ZMovePolicy)
    .mutation(({ ctx, input }) => movePolicy(ctx.db, ctx, input)),
  /** The counts of the inbox's Due soon and Breached views (capped counts through an index). */
  counts: procedure("inbox.view").query(({ ctx }) => readSlaCounts(ctx.db, ctx.now())),
  /** A ticket's clocks, pauses and recorded targets (staff only: customers see no SLA internals). */
  ticket: procedure("ticket.read.any")
    .input(z.object({ ticketId: z.number().int().positive() }))
    .query(({ ctx, input }) => getTicketSla(ctx.db, ctx, input.ticketId)),
});
