import "server-only";
import { procedure, publicProcedure, router } from "../init";
import { findCategories } from "../../taxonomy/categories";
import {
  countUnread,
  findNotifications,
  getNotificationSwitches,
  markAllNotificationsRead,
  markNotificationsRead,
  setNotificationSwitch,
  ZFindNotifications,
  ZMarkRead,
  ZSetNotificationSwitch,
} from "../../notifications/center";
import { findAgentStatuses, getMyStatus, setAgentStatus, ZSetAgentStatus } from "../../routing/availability";

/** Procedures of teams' routing, availability, and the notification centre. */
export const deskFlowRouter = router({
  /** The active categories for the ticket form (open to visitors, who write a ticket before signing in): names only. */
  formCategories: publicProcedure.query(async ({ ctx }) =>
    (await findCategories(ctx.db)).map((c) => ({ id: c.id, name: ctx.locale === "ru" ? c.nameRu : c.nameEn })),
  ),
  notifications: procedure("inbox.view")
    .input(ZFindNotifications)
    .query(({ ctx, input }) => findNotifications(ctx.db, ctx, input)),
  unreadCount: procedure("inbox.view").query(({ ctx }) => countUnread(ctx.db, ctx)),
  markRead: procedure("inbox.view")
    .input(ZMarkRead)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx, input)),
  markAllRead: procedure("inbox.view").mutation(({ ctx }) => markAllNotificationsRead(ctx.db, ctx)),
  notificationSwitches: procedure("inbox.view").query(({ ctx }) => getNotificationSwitches(ctx.db, ctx)),
  setNotificationSwitch: procedure("inbox.view")
    .input(ZSetNotificationSwitch)
    .mutation(({ ctx, input }) => setNotificationSwitch(ctx.db, ctx, input)),
  /** Availability: away or not, and the own cap of open tickets (others' and caps: team.manage, checked inside). */
  myStatus: procedure("inbox.view").query(({ ctx }) => getMyStatus(ctx.db, ctx)),
  agentStatuses: procedure("team.manage").query(({ ctx }) => findAgentStatuses(ctx.db, ctx)),
  setStatus: procedure("inbox.view")
    .input(ZSetAgentStatus)
    .mutation(({ ctx, input }) => setAgentStatus(ctx.db, ctx, input)),
});
