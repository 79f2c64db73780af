import "server-only";
import { z } from "zod";
import { publicProcedure, router } from "../init";
import { getCurrentStatus, getStatusPage, toStatusJson } from "../../status/get-status-page";
import { decodeCursor, findIncidentHistory, getPublicIncident } from "../../status/find-incidents";
import { getStatusFeed } from "../../status/feeds";
import { statusComponentsRouter } from "./status-components";
import { statusIncidentsRouter } from "./status-incidents";
import { statusMaintenanceRouter } from "./status-maintenance";
import { LOCALES } from "@/lib/i18n";

const ZLocale = z.object({ locale: z.enum(LOCALES) });

/** The public status page and its feeds, for everyone; the staff side: components and groups, incidents, maintenance. */
export const statusRouter = router({
  page: publicProcedure.input(ZLocale).query(({ ctx, input }) => getStatusPage(ctx.db, { now: ctx.now(), locale: input.locale })),
  /** The JSON summary for other sites and the incident banner. */
  summary: publicProcedure.input(ZLocale).query(async ({ ctx, input }) => {
    const data = await getStatusPage(ctx.db, { now: ctx.now(), locale: input.locale, historyLimit: 1 });
    return toStatusJson(data, ctx.appUrl, input.locale);
  }),
  history: publicProcedure
    .input(ZLocale.extend({ before: z.string().max(40).optional(), limit: z.number().int().min(1).max(50).default(20) }))
    .query(({ ctx, input }) =>
      findIncidentHistory(ctx.db, { now: ctx.now(), locale: input.locale, before: decodeCursor(input.before), limit: input.limit }),
    ),
  incident: publicProcedure
    .input(ZLocale.extend({ id: z.number().int().positive() }))
    .query(({ ctx, input }) => getPublicIncident(ctx.db, input.id, input.locale)),
  /** The overall status, or one component's by slug; null for an unknown component. */
  current: publicProcedure
    .input(z.object({ component: z.string().max(64).nullable() }))
    .query(({ ctx, input }) => getCurrentStatus(ctx.db, input.component)),
  feed: publicProcedure
    .input(ZLocale.extend({ format: z.enum(["rss", "atom"]) }))
    .query(({ ctx, input }) => getStatusFeed(ctx.db, { now: ctx.now(), locale: input.locale, base: ctx.appUrl, format: input.format })),

  components: statusComponentsRouter,
  incidents: statusIncidentsRouter,
  maintenance: statusMaintenanceRouter,
});
