import "server-only";
import { z } from "zod";
import { zText } from "@/lib/text-field";
import { msg } from "@/lib/i18n";
import { COMPONENT_STATUSES } from "@/lib/status/components";

export const ZComponentStatus = z.enum(COMPONENT_STATUSES);
export const ZId = z.number().int().positive();

const name = () => zText().trim().min(1, msg("incidents.err.name.empty")).max(120, msg("incidents.err.name.long"));
const description = () => zText().trim().max(300, msg("incidents.err.description.long")).default("");

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, msg("incidents.err.slug"))
  .max(64, msg("incidents.err.slug"))
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, msg("incidents.err.slug"));

export const ZGroupInput = z.object({ nameEn: name(), nameRu: name() });
export type TGroupInput = z.input<typeof ZGroupInput>;
export const ZUpdateGroup = ZGroupInput.extend({ id: ZId });
export type TUpdateGroup = z.input<typeof ZUpdateGroup>;

export const ZComponentInput = z.object({
  groupId: ZId.nullable().default(null),
  slug: ZSlug,
  nameEn: name(),
  nameRu: name(),
  descriptionEn: description(),
  descriptionRu: description(),
});
export type TComponentInput = z.input<typeof ZComponentInput>;
export const ZUpdateComponent = ZComponentInput.extend({ id: ZId });
export type TUpdateComponent = z.input<typeof ZUpdateComponent>;

/** The new order, first to last; ids not listed keep their place after the listed ones. */
export const ZReorder = z.object({ ids: z.array(ZId).min(1).max(500) });
export type TReorder = z.input<typeof ZReorder>;

export const ZSetComponentStatus = z.object({ id: ZId, status: ZComponentStatus });
export type TSetComponentStatus = z.input<typeof ZSetComponentStatus>;
