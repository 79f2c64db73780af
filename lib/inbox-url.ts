import { z } from "zod";
import { INBOX_SORTS, INBOX_VIEWS, TICKET_PRIORITIES, TICKET_STATUSES, type InboxSort, type InboxView } from "./tickets";

/**
 * The whole state of the inbox list lives in its URL (shareable, the back button works): these are the
 * parameters, read leniently (anything malformed reads as absent) and written back in one order.
 */
export interface InboxUrlState {
  view: InboxView;
  /** A saved view's id: its filters apply, the others below are added to them. */
  sv?: number;
  status?: (typeof TICKET_STATUSES)[number];
  priority?: (typeof TICKET_PRIORITIES)[number];
  /** A staff id, "none" or "me". */
  assignee?: number | "none" | "me";
  team?: number;
  tag?: string;
  category?: number;
  requester?: string;
  /** Days, YYYY-MM-DD, both ends included. */
  cf?: string;
  ct?: string;
  uf?: string;
  ut?: string;
  sort: InboxSort;
  cursor?: string;
  q?: string;
}

const id = z.coerce.number().int().positive().optional().catch(undefined);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
  .optional()
  .catch(undefined);
const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);

const ZInboxUrl = z.object({
  view: z.enum(INBOX_VIEWS).catch("open"),
  sv: id,
  status: z.enum(TICKET_STATUSES).optional().catch(undefined),
  priority: z.enum(TICKET_PRIORITIES).optional().catch(undefined),
  assignee: z
    .union([z.enum(["none", "me"]), z.coerce.number().int().positive()])
    .optional()
    .catch(undefined),
  team: id,
  tag: text(40),
  category: id,
  requester: text(254),
  cf: day,
  ct: day,
  uf: day,
  ut: day,
  sort: z.enum(INBOX_SORTS).catch("urgent"),
  cursor: z
    .string()
    .regex(/^[\w-]{1,200}$/)
    .optional()
    .catch(undefined),
  q: text(200),
});

export function parseInboxUrl(params: Record<string, string | string[] | undefined>): InboxUrlState {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v === "" ? undefined : v]));
  return ZInboxUrl.parse(flat);
}

const ORDER: (keyof InboxUrlState)[] = [
  "q",
  "view",
  "sv",
  "status",
  "priority",
  "assignee",
  "team",
  "tag",
  "category",
  "requester",
  "cf",
  "ct",
  "uf",
  "ut",
  "sort",
  "cursor",
];

/** The URL of the list in `state`, changed by `change` (a new filter starts again from the first page unless a cursor is given). */
export function inboxHref(state: InboxUrlState, change: Partial<InboxUrlState> = {}): string {
  const next: Partial<InboxUrlState> = { ...state, cursor: undefined, ...change };
  const q = new URLSearchParams();
  for (const k of ORDER) {
    const v = next[k];
    if (v === undefined || v === "") continue;
    if (k === "view" && v === "open") continue;
    if (k === "sort" && v === "urgent") continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return `/inbox${s ? `?${s}` : ""}`;
}

const startOfDay = (d: string) => Date.parse(`${d}T00:00:00Z`);
const DAY = 86_400_000;

/** The list filters as the API takes them and a saved view stores them (server/inbox/filters.ts). */
export interface InboxFilterValues {
  view: InboxView;
  status?: (typeof TICKET_STATUSES)[number];
  priority?: (typeof TICKET_PRIORITIES)[number];
  assignee?: number | "none";
  team?: number;
  tag?: string;
  category?: number;
  requester?: string;
  createdFrom?: number;
  createdTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  sort: InboxSort;
}

/** The API's filters for a URL state: days become [start, end) times in ms, "me" becomes the actor's id. */
export function filtersFromUrl(s: InboxUrlState, actorId: number): InboxFilterValues {
  return {
    view: s.view,
    status: s.status,
    priority: s.priority,
    assignee: s.assignee === "me" ? actorId : s.assignee,
    team: s.team,
    tag: s.tag,
    category: s.category,
    requester: s.requester,
    createdFrom: s.cf ? startOfDay(s.cf) : undefined,
    createdTo: s.ct ? startOfDay(s.ct) + DAY : undefined,
    updatedFrom: s.uf ? startOfDay(s.uf) : undefined,
    updatedTo: s.ut ? startOfDay(s.ut) + DAY : undefined,
    sort: s.sort,
  };
}

/** The URL state of a saved view's filters (the inverse of filtersFromUrl, for "open this view"). */
export function urlFromFilters(f: InboxFilterValues): Partial<InboxUrlState> {
  const dayOf = (ms?: number, end = false) => (ms === undefined ? undefined : new Date(end ? ms - DAY : ms).toISOString().slice(0, 10));
  return {
    view: f.view,
    status: f.status,
    priority: f.priority,
    assignee: f.assignee,
    team: f.team,
    tag: f.tag,
    category: f.category,
    requester: f.requester,
    cf: dayOf(f.createdFrom),
    ct: dayOf(f.createdTo, true),
    uf: dayOf(f.updatedFrom),
    ut: dayOf(f.updatedTo, true),
    sort: f.sort,
  };
}
