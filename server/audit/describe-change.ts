import "server-only";
import type { DB } from "../db";
import { formatDateTime, translate, type Locale } from "@/lib/i18n";

/** One readable line of an audit event: "Assignee: Anna → Boris". `from` is absent for a value set, `to` for one removed. */
export interface ChangeLine {
  field: string;
  from?: string;
  to?: string;
}

export interface DescribedEvent {
  changes: ChangeLine[];
  /** The entity as a person reads it ("Anna Petrova" for a user), when it can be resolved. */
  entityLabel: string | null;
}

export interface AuditChange {
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Fields whose values are user ids, shown as the person's name. */
const USER_ID_FIELDS = new Set(["assigneeId", "requesterId", "userId", "actorId", "updatedBy"]);

/** Where a field's values are translated: the same key means different things on a ticket and on an incident. */
function enumKey(entityType: string, field: string, value: string): string | null {
  switch (field) {
    case "status":
      if (entityType === "ticket") return `status.${value}`;
      if (entityType === "incident") return `incidents.status.${value}`;
      if (entityType === "status_component") return `incidents.component.${value}`;
      if (entityType === "maintenance") return `incidents.maint.status.${value}`;
      return null;
    case "priority":
      return `priority.${value}`;
    case "role":
      return `role.${value}`;
    case "locale":
      return `locale.${value}`;
    case "impact":
      return `incidents.impact.${value}`;
    case "state":
      return entityType === "monitor" ? `monitoring.state.${value}` : null;
    case "reason":
      return `audit.reason.${value}`;
    case "by":
      return `audit.by.${value}`;
    default:
      return null;
  }
}

/** The translation of `key`, or null when the dictionary has none (translate() answers the key itself then). */
function known(locale: Locale, key: string | null): string | null {
  if (!key) return null;
  const text = translate(locale, key);
  return text === key ? null : text;
}

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

function formatValue(locale: Locale, names: ReadonlyMap<number, string>, entityType: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return translate(locale, "common.none");
  if (typeof value === "boolean") return translate(locale, value ? "audit.yes" : "audit.no");
  if (typeof value === "number" && USER_ID_FIELDS.has(field)) return names.get(value) ?? translate(locale, "audit.user", { id: value });
  if (typeof value === "number" && /At$/.test(field) && value > 946_684_800_000) return formatDateTime(locale, value);
  if (typeof value === "string") return clip(known(locale, enumKey(entityType, field, value)) ?? value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
    return value.length ? clip(value.map((v) => String(v)).join(", ")) : translate(locale, "common.none");
  }
  return clip(JSON.stringify(value));
}

/** An object's fields; anything else (a scalar, an array) as one field called "value". */
function fieldsOf(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  return typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
}

/**
 * Turns an event's before and after into lines a person reads: each field that changed, with its label and
 * values translated (statuses, roles, priorities, languages, yes/no, times) and user ids shown as names.
 * Fields with the same value before and after are left out. `names` maps user ids to names (see describeAuditEvents).
 */
export function describeChange(locale: Locale, names: ReadonlyMap<number, string>, event: AuditChange): ChangeLine[] {
  const before = fieldsOf(event.before);
  const after = fieldsOf(event.after);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const lines: ChangeLine[] = [];
  for (const key of keys) {
    const inBefore = before !== null && key in before;
    const inAfter = after !== null && key in after;
    if (inBefore && inAfter && JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    const value = (v: unknown) => formatValue(locale, names, event.entityType, key, v);
    lines.push({
      field: known(locale, `audit.field.${key}`) ?? key,
      ...(inBefore ? { from: value(before[key]) } : {}),
      ...(inAfter ? { to: value(after[key]) } : {}),
    });
  }
  return lines;
}

/** The user ids an event mentions: its entity when it is a user, and the values of user-id fields. */
function userIdsOf(e: AuditChange): number[] {
  const ids: number[] = [];
  if (e.entityType === "user" && /^\d+$/.test(e.entityId)) ids.push(Number(e.entityId));
  for (const side of [fieldsOf(e.before), fieldsOf(e.after)]) {
    for (const [k, v] of Object.entries(side ?? {})) if (USER_ID_FIELDS.has(k) && typeof v === "number") ids.push(v);
  }
  return ids;
}

/** describeChange for a page of events, with every user they mention resolved in one query. */
export async function describeAuditEvents(db: DB, locale: Locale, events: readonly AuditChange[]): Promise<DescribedEvent[]> {
  const ids = [...new Set(events.flatMap(userIdsOf))];
  const rows = ids.length ? await db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute() : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return events.map((e) => ({
    changes: describeChange(locale, names, e),
    entityLabel: e.entityType === "user" ? (names.get(Number(e.entityId)) ?? null) : null,
  }));
}
