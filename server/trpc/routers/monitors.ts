import "server-only";
import { z } from "zod";
import { procedure, publicProcedure, rateLimited, router } from "../init";
import { findComponentChoices, findMonitors, findRecentChecks, getMonitor } from "../../monitoring/find-monitors";
import { createMonitor, regenerateHeartbeatToken, removeMonitor, setMonitorPaused, updateMonitor } from "../../monitoring/manage-monitors";
import { acknowledgeAlert, findActiveAlerts, findAlerts } from "../../monitoring/alerts";
import { findStaffDuty, setOnDuty } from "../../monitoring/on-duty";
import { recordHeartbeat } from "../../monitoring/heartbeat";
import { ZCreateMonitor, ZFindAlerts, ZFindChecks, ZMonitorId, ZSetOnDuty, ZUpdateMonitor } from "../../monitoring/schemas";

const ZId = z.object({ id: ZMonitorId });

/** Uptime monitors (leads), their alerts (agents and up) and who is on duty. */
export const monitorsRouter = router({
  // A customer's cron job reports that it ran (GET or POST /api/heartbeat/<token>); an unknown token is NOT_FOUND.
  heartbeat: publicProcedure
    .use(rateLimited("heartbeat", 600, 60_000))
    .input(z.object({ token: z.string().max(200) }))
    .mutation(({ ctx, input }) => recordHeartbeat(ctx.db, input.token, ctx.now())),
  list: procedure("monitor.manage").query(({ ctx }) => findMonitors(ctx.db)),
  get: procedure("monitor.manage")
    .input(ZId)
    .query(({ ctx, input }) => getMonitor(ctx.db, input.id)),
  checks: procedure("monitor.manage")
    .input(ZFindChecks)
    .query(({ ctx, input }) => findRecentChecks(ctx.db, input)),
  components: procedure("monitor.manage").query(({ ctx }) => findComponentChoices(ctx.db)),
  create: procedure("monitor.manage")
    .input(ZCreateMonitor)
    .mutation(({ ctx, input }) => createMonitor(ctx.db, ctx, input, ctx.appUrl)),
  update: procedure("monitor.manage")
    .input(ZUpdateMonitor)
    .mutation(({ ctx, input }) => updateMonitor(ctx.db, ctx, input)),
  remove: procedure("monitor.manage")
    .input(ZId)
    .mutation(({ ctx, input }) => removeMonitor(ctx.db, ctx, input.id)),
  pause: procedure("monitor.manage")
    .input(ZId)
    .mutation(({ ctx, input }) => setMonitorPaused(ctx.db, ctx, { id: input.id, paused: true })),
  resume: procedure("monitor.manage")
    .input(ZId)
    .mutation(({ ctx, input }) => setMonitorPaused(ctx.db, ctx, { id: input.id, paused: false })),
  regenerateToken: procedure("monitor.manage")
    .input(ZId)
    .mutation(({ ctx, input }) => regenerateHeartbeatToken(ctx.db, ctx, input.id, ctx.appUrl)),
  alerts: procedure("alert.ack")
    .input(ZFindAlerts)
    .query(({ ctx, input }) => findAlerts(ctx.db, input)),
  activeAlerts: procedure("alert.ack").query(({ ctx }) => findActiveAlerts(ctx.db)),
  acknowledge: procedure("alert.ack")
    .input(z.object({ alertId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, ctx, input.alertId)),
  staffDuty: procedure("monitor.manage").query(({ ctx }) => findStaffDuty(ctx.db)),
  setOnDuty: procedure("alert.ack")
    .input(ZSetOnDuty)
    .mutation(({ ctx, input }) => setOnDuty(ctx.db, ctx, input)),
});
