import "server-only";
import { z } from "zod";
import { zText } from "@/lib/text-field";
import { msg } from "@/lib/i18n";
import { AFFECTED_STATUSES, INCIDENT_IMPACTS, OPEN_INCIDENT_STATUSES } from "@/lib/incidents";
import { ZId } from "../components/schemas";

export const ZImpact = z.enum(INCIDENT_IMPACTS);
export const ZOpenStatus = z.enum(OPEN_INCIDENT_STATUSES);
const title = () => zText().trim().min(3, msg("incidents.err.title.short")).max(200, msg("incidents.err.title.long"));
const body = () => zText().trim().min(1, msg("incidents.err.body.empty")).max(20_000, msg("incidents.err.body.long"));

export const ZAffected = z
  .array(z.object({ componentId: ZId, status: z.enum(AFFECTED_STATUSES) }))
  .max(100)
  .refine((list) => new Set(list.map((c) => c.componentId)).size === list.length, msg("incidents.err.components.duplicate"));

export const ZOpenIncident = z.object({
  title: title(),
  impact: ZImpact,
  status: ZOpenStatus.default("investigating"),
  components: ZAffected.default([]),
  body: body(),
});
export type TOpenIncident = z.input<typeof ZOpenIncident>;

export const ZPostUpdate = z.object({
  incidentId: ZId,
  status: ZOpenStatus,
  body: body(),
  impact: ZImpact.optional(),
  components: ZAffected.optional(),
  notifyLinkedTickets: z.boolean().default(false),
});
export type TPostUpdate = z.input<typeof ZPostUpdate>;

export const ZResolveIncident = z.object({
  incidentId: ZId,
  body: body(),
  notifyLinkedTickets: z.boolean().default(false),
  solveLinkedTickets: z.boolean().default(false),
});
export type TResolveIncident = z.input<typeof ZResolveIncident>;

export const ZMergeIncident = z
  .object({
    sourceId: ZId,
    targetId: ZId,
    body: zText().trim().max(20_000, msg("incidents.err.body.long")).optional(),
  })
  .refine((v) => v.sourceId !== v.targetId, { message: msg("incidents.err.mergeSelf"), path: ["targetId"] });
export type TMergeIncident = z.input<typeof ZMergeIncident>;

export const ZSavePostmortem = z.object({
  incidentId: ZId,
  body: zText().max(100_000, msg("incidents.err.body.long")),
});
export type TSavePostmortem = z.input<typeof ZSavePostmortem>;
export const ZPreviewPostmortem = ZSavePostmortem.pick({ body: true });
export type TPreviewPostmortem = z.input<typeof ZPreviewPostmortem>;

export const ZTicketLink = z.object({ incidentId: ZId, ticketId: ZId });
export type TTicketLink = z.input<typeof ZTicketLink>;

const ZTime = z
  .number({ message: msg("incidents.err.time") })
  .int()
  .min(0, msg("incidents.err.time"))
  .max(8_640_000_000_000, msg("incidents.err.time"));
export const ZMaintenanceFields = z.object({
  title: title(),
  body: zText().trim().max(20_000, msg("incidents.err.body.long")).default(""),
  startsAt: ZTime,
  endsAt: ZTime,
  componentIds: z.array(ZId).max(100).default([]),
});
const endsAfterStart = { message: msg("incidents.err.window"), path: ["endsAt"] };
export const ZScheduleMaintenance = ZMaintenanceFields.refine((v) => v.endsAt > v.startsAt, endsAfterStart);
export type TScheduleMaintenance = z.input<typeof ZScheduleMaintenance>;
export const ZEditMaintenance = ZMaintenanceFields.extend({ id: ZId }).refine((v) => v.endsAt > v.startsAt, endsAfterStart);
export type TEditMaintenance = z.input<typeof ZEditMaintenance>;
