import "server-only";
import { procedure, router } from "../init";
import { countInboxViews, findInboxTickets } from "../../tickets/find-tickets";
import { updateTicket } from "../../tickets/update-ticket";
import { findAssignableStaff } from "../../users/find-users";
import { ZFindTickets, ZUpdateTicket } from "../../tickets/schemas";

export const inboxRouter = router({
  list: procedure("inbox.view")
    .input(ZFindTickets)
    .query(({ ctx, input }) => findInboxTickets(ctx.db, ctx, input)),
  counts: procedure("inbox.view").query(({ ctx }) => countInboxViews(ctx.db, ctx)),
  staff: procedure("ticket.assign").query(({ ctx }) => findAssignableStaff(ctx.db)),
  update: procedure("ticket.update")
    .input(ZUpdateTicket)
    .mutation(({ ctx, input }) => updateTicket(ctx.db, ctx, input)),
});
