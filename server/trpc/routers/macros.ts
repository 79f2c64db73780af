import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import { deleteMacro, findMacros, renderMacroForTicket, saveMacro, ZSaveMacro } from "../../macros/macros";
import { ZTicketId } from "../../tickets/schemas";

/** Saved replies. Personal ones for every agent; shared ones written by those with macro.share. */
export const macrosRouter = router({
  list: procedure("ticket.reply").query(({ ctx }) => findMacros(ctx.db, ctx)),
  save: procedure("ticket.reply")
    .input(ZSaveMacro)
    .mutation(({ ctx, input }) => saveMacro(ctx.db, ctx, input)),
  delete: procedure("ticket.reply")
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => deleteMacro(ctx.db, ctx, input.id)),
  render: procedure("ticket.reply")
    .input(z.object({ macroId: z.number().int().positive(), ticketId: ZTicketId }))
    .query(({ ctx, input }) => renderMacroForTicket(ctx.db, ctx, input)),
});
