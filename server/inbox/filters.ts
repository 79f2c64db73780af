import "server-only";
import { z } from "zod";
import { msg } from "@/lib/i18n";
import { INBOX_SORTS, INBOX_VIEWS, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/tickets";

const id = z.number().int().positive();

/** The SLA's views (server/sla): a running clock due within the hour, and one past its due time. */
export const SLA_VIEWS = ["due_soon", "breached"] as const satisfies readonly (typeof INBOX_VIEWS)[number][];
export const SLA_DUE_SOON_MS = 3_600_000;
/** Listed in due order whatever the sort asked for: the most urgent first is what they are for. */
export const isSlaView = (view: string) => (SLA_VIEWS as readonly string[]).includes(view);
const time = z.number().int().min(0);

/**
 * What a list shows, apart from where the page starts: the view, the filters that compose with it and the
 * order. A saved view stores exactly this object.
 */
export const ZInboxFilters = z.object({
  view: z.enum(INBOX_VIEWS).default("open"),
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  /** A staff member's id, or "none" for unassigned tickets. */
  assignee: z.union([id, z.literal("none")]).optional(),
  team: id.optional(),
  /** A tag's name (lower-case). */
  tag: z.string().trim().toLowerCase().min(1).max(40, msg("inbox.err.tagLong")).optional(),
  category: id.optional(),
  /** A requester's email address, or an organisation's email domain ("example.com"). */
  requester: z.string().trim().toLowerCase().min(1).max(254).optional(),
  createdFrom: time.optional(),
  createdTo: time.optional(),
  updatedFrom: time.optional(),
  updatedTo: time.optional(),
  sort: z.enum(INBOX_SORTS).default("urgent"),
});
export type TInboxFilters = z.output<typeof ZInboxFilters>;

export const ZFindInbox = ZInboxFilters.extend({
  /** Opaque: the key of the last row of the previous page (server/inbox/sorts.ts). */
  cursor: z.union([z.string().max(200), z.number().int().positive()]).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  /** Read the filters of this saved view (the other filters given here are added to them). */
  savedView: id.optional(),
});
export type TFindInbox = z.input<typeof ZFindInbox>;

/** How many filters beyond the view are set: the UI says "2 filters". */
export function activeFilterCount(f: TInboxFilters): number {
  const keys = [
    "status",
    "priority",
    "assignee",
    "team",
    "tag",
    "category",
    "requester",
    "createdFrom",
    "createdTo",
    "updatedFrom",
    "updatedTo",
  ] as const;
  return keys.filter((k) => f[k] !== undefined).length;
}
