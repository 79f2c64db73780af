import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import { findInboxTickets, countCapped } from "../../inbox/find-inbox-tickets";
import { readViewCounts } from "../../inbox/counts";
import { ZFindInbox } from "../../inbox/filters";
import { createSavedView, deleteSavedView, findSavedViews, updateSavedView, ZSaveView, ZUpdateView } from "../../inbox/saved-views";
import { bulkUpdateTickets, ZBulkUpdate } from "../../inbox/bulk-update";
import { searchTickets, ZSearchTickets } from "../../inbox/search-tickets";
import { updateTicket } from "../../tickets/update-ticket";
import { findAssignableStaff } from "../../users/find-users";
import { ZUpdateTicket } from "../../tickets/schemas";
import { changeTicketTags, suggestTags, ZChangeTicketTags, ZSetTicketTags, setTicketTags } from "../../taxonomy/tags";

const ZId = z.object({ id: z.number().int().positive() });

/** The agent workspace's lists: views, counts, saved views, filters' options, bulk changes and search. */
export const inboxRouter = router({
  list: procedure("inbox.view")
    .input(ZFindInbox)
    .query(({ ctx, input }) => findInboxTickets(ctx.db, ctx, input)),
  counts: procedure("inbox.view").query(({ ctx }) => readViewCounts(ctx.db, ctx.actor)),
  savedViews: procedure("inbox.view").query(({ ctx }) => findSavedViews(ctx.db, ctx.actor)),
  /** Each visible saved view's count, capped ("1,000+"). */
  savedViewCounts: procedure("inbox.view").query(async ({ ctx }) => {
    const views = await findSavedViews(ctx.db, ctx.actor);
    return Promise.all(views.map(async (v) => ({ id: v.id, ...(await countCapped(ctx.db, ctx.actor, v.filters)) })));
  }),
  createView: procedure("inbox.view")
    .input(ZSaveView)
    .mutation(({ ctx, input }) => createSavedView(ctx.db, ctx, input)),
  updateView: procedure("inbox.view")
    .input(ZUpdateView)
    .mutation(({ ctx, input }) => updateSavedView(ctx.db, ctx, input)),
  deleteView: procedure("inbox.view")
    .input(ZId)
    .mutation(({ ctx, input }) => deleteSavedView(ctx.db, ctx, input.id)),
  staff: procedure("ticket.assign").query(({ ctx }) => findAssignableStaff(ctx.db)),
  update: procedure("ticket.update")
    .input(ZUpdateTicket)
    .mutation(({ ctx, input }) => updateTicket(ctx.db, ctx, input)),
  bulk: procedure("ticket.update")
    .input(ZBulkUpdate)
    .mutation(({ ctx, input }) => bulkUpdateTickets(ctx.db, ctx, input)),
  suggestTags: procedure("inbox.view")
    .input(z.object({ prefix: z.string().max(40), limit: z.number().int().min(1).max(25).optional() }))
    .query(({ ctx, input }) => suggestTags(ctx.db, ctx, input)),
  setTags: procedure("ticket.update")
    .input(ZSetTicketTags)
    .mutation(({ ctx, input }) => setTicketTags(ctx.db, ctx, input)),
  changeTags: procedure("ticket.update")
    .input(ZChangeTicketTags)
    .mutation(({ ctx, input }) => changeTicketTags(ctx.db, ctx, input)),
  search: procedure("inbox.view")
    .input(ZSearchTickets)
    .query(({ ctx, input }) => searchTickets(ctx.db, ctx, input)),
});
