import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import { beatPresence, leavePresence, ZBeat } from "../../presence/presence";
import { getPresence } from "../../shared-state/presence";
import { ZTicketId } from "../../tickets/schemas";

/** Who else has a ticket open (staff). */
export const presenceRouter = router({
  beat: procedure("inbox.view")
    .input(ZBeat)
    .mutation(({ ctx, input }) => beatPresence(ctx.db, ctx, getPresence(ctx.db), input)),
  leave: procedure("inbox.view")
    .input(z.object({ ticketId: ZTicketId }))
    .mutation(({ ctx, input }) => leavePresence(ctx.db, ctx, getPresence(ctx.db), input.ticketId)),
});
