import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import {
  ZMergeIncident,
  ZOpenIncident,
  ZPostUpdate,
  ZPreviewPostmortem,
  ZResolveIncident,
  ZSavePostmortem,
  ZTicketLink,
} from "../../incidents/schemas";
import { openIncident } from "../../incidents/open-incident";
import { postIncidentUpdate, resolveIncident } from "../../incidents/update-incident";
import { mergeIncident } from "../../incidents/merge-incident";
import { previewPostmortem, savePostmortem, setPostmortemPublished } from "../../incidents/postmortem";
import { linkTicket, suggestTickets, unlinkTicket } from "../../incidents/ticket-links";
import { findIncidents, getIncident } from "../../incidents/get-incident";
import { andRevalidate } from "./status-components";

const ZIdInput = z.object({ id: z.number().int().positive() });
const manage = procedure("incident.manage");

export const statusIncidentsRouter = router({
  list: manage.query(({ ctx }) => findIncidents(ctx.db, ctx)),
  get: manage.input(ZIdInput).query(({ ctx, input }) => getIncident(ctx.db, ctx, input.id, ctx.locale)),
  suggestTickets: manage.input(ZIdInput).query(({ ctx, input }) => suggestTickets(ctx.db, ctx, input.id)),
  open: manage.input(ZOpenIncident).mutation(({ ctx, input }) => andRevalidate(openIncident(ctx.db, ctx, input))),
  postUpdate: manage.input(ZPostUpdate).mutation(({ ctx, input }) => andRevalidate(postIncidentUpdate(ctx.db, ctx, input, ctx.appUrl))),
  resolve: manage.input(ZResolveIncident).mutation(({ ctx, input }) => andRevalidate(resolveIncident(ctx.db, ctx, input, ctx.appUrl))),
  merge: manage.input(ZMergeIncident).mutation(({ ctx, input }) => andRevalidate(mergeIncident(ctx.db, ctx, input))),
  savePostmortem: manage.input(ZSavePostmortem).mutation(({ ctx, input }) => andRevalidate(savePostmortem(ctx.db, ctx, input))),
  // Changes nothing; a mutation only so that a long draft travels in the request body, not in the URL.
  previewPostmortem: manage.input(ZPreviewPostmortem).mutation(({ ctx, input }) => previewPostmortem(ctx, input, ctx.locale)),
  publishPostmortem: manage
    .input(z.object({ id: z.number().int().positive(), published: z.boolean() }))
    .mutation(({ ctx, input }) => andRevalidate(setPostmortemPublished(ctx.db, ctx, input.id, input.published))),
  linkTicket: manage.input(ZTicketLink).mutation(({ ctx, input }) => linkTicket(ctx.db, ctx, input)),
  unlinkTicket: manage.input(ZTicketLink).mutation(({ ctx, input }) => unlinkTicket(ctx.db, ctx, input)),
});
