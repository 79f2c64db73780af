import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import type { Locale } from "../db/schema";
import { can } from "../auth/permissions";
import { notFound } from "../errors";
import { fromJson } from "../db/json";
import { transact } from "../db/transact";
import { recordAudit } from "../audit/record-audit";
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, type NotificationKind } from "./kinds";
import { localizeVars, switchesFor, type NotificationVars } from "./notify";

/** Unread counts above this show as "99+": the count reads at most this many index entries. */
export const UNREAD_CAP = 99;

export const ZFindNotifications = z.object({
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(50).default(20),
  unreadOnly: z.boolean().default(false),
});
export const ZMarkRead = z.object({ ids: z.array(z.number().int().positive()).min(1).max(100), read: z.boolean().default(true) });
export const ZSetNotificationSwitch = z.object({
  kind: z.enum(NOTIFICATION_KIND_NAMES as [NotificationKind, ...NotificationKind[]]),
  inApp: z.boolean(),
  email: z.boolean(),
});

export interface NotificationItem {
  id: number;
  kind: string;
  ticketId: number | null;
  vars: NotificationVars;
  createdAt: number;
  read: boolean;
}

function staffOrThrow(ctx: RequestCtx): number {
  if (!ctx.actor || !can(ctx.actor, "inbox.view")) throw notFound();
  return ctx.actor.id;
}

/**
 * The caller's notifications, newest first, a page at a time (key: the last id seen), their placeholders in the
 * language of the page asking (`ctx.locale`, from the tRPC context), else the caller's own.
 */
export async function findNotifications(
  db: DB,
  ctx: RequestCtx & { locale?: Locale },
  raw: z.input<typeof ZFindNotifications>,
): Promise<{ items: NotificationItem[]; nextCursor: number | null }> {
  const userId = staffOrThrow(ctx);
  const input = ZFindNotifications.parse(raw);
  let q = db
    .selectFrom("notifications")
    .select(["id", "kind", "ticket_id", "vars_json", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.cursor) q = q.where("id", "<", input.cursor);
  if (input.unreadOnly) q = q.where("read_at", "is", null);
  const rows = await q.execute();
  const items = rows.slice(0, input.limit).map((r) => ({
    id: r.id,
    kind: r.kind,
    ticketId: r.ticket_id,
    vars: localizeVars(ctx.locale ?? ctx.actor!.locale, fromJson<NotificationVars>(r.vars_json) ?? {}),
    createdAt: Number(r.created_at),
    read: r.read_at !== null,
  }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1].id : null };
}

/** How many of the caller's notifications are unread, up to UNREAD_CAP + 1 (read through the (user_id, read_at) index). */
export async function countUnread(db: DB, ctx: RequestCtx): Promise<number> {
  const userId = staffOrThrow(ctx);
  const rows = await db
    .selectFrom("notifications")
    .select("id")
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .limit(UNREAD_CAP + 1)
    .execute();
  return rows.length;
}

/** Marks some of the caller's notifications read (or unread again); others' ids change nothing. */
export async function markNotificationsRead(db: DB, ctx: RequestCtx, raw: z.input<typeof ZMarkRead>): Promise<{ changed: number }> {
  const userId = staffOrThrow(ctx);
  const input = ZMarkRead.parse(raw);
  const res = await db
    .updateTable("notifications")
    .set({ read_at: input.read ? ctx.now() : null })
    .where("user_id", "=", userId)
    .where("id", "in", input.ids)
    .where("read_at", input.read ? "is" : "is not", null)
    .executeTakeFirst();
  return { changed: Number(res.numUpdatedRows) };
}

/** Marks every unread notification of the caller read. */
export async function markAllNotificationsRead(db: DB, ctx: RequestCtx): Promise<{ changed: number }> {
  const userId = staffOrThrow(ctx);
  const res = await db
    .updateTable("notifications")
    .set({ read_at: ctx.now() })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return { changed: Number(res.numUpdatedRows) };
}

export interface NotificationSwitch {
  kind: NotificationKind;
  inApp: boolean;
  email: boolean;
}

/** The caller's switches for every kind, in the catalog's order. */
export async function getNotificationSwitches(db: DB, ctx: RequestCtx): Promise<NotificationSwitch[]> {
  const userId = staffOrThrow(ctx);
  const own = await db.selectFrom("notification_settings").select(["kind", "in_app", "email"]).where("user_id", "=", userId).execute();
  return NOTIFICATION_KIND_NAMES.map((kind) => {
    const row = own.find((r) => r.kind === kind);
    return row ? { kind, inApp: row.in_app === 1, email: row.email === 1 } : { kind, ...NOTIFICATION_KINDS[kind] };
  });
}

/** Sets the caller's switches for one kind, audited. */
export async function setNotificationSwitch(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSetNotificationSwitch>): Promise<void> {
  const userId = staffOrThrow(ctx);
  const input = ZSetNotificationSwitch.parse(raw);
  await transact(db, async (trx) => {
    const before = (await switchesFor(trx, input.kind, [userId])).get(userId)!;
    if (before.inApp === input.inApp && before.email === input.email) return;
    await trx.deleteFrom("notification_settings").where("user_id", "=", userId).where("kind", "=", input.kind).execute();
    const def = NOTIFICATION_KINDS[input.kind];
    if (def.inApp !== input.inApp || def.email !== input.email)
      await trx
        .insertInto("notification_settings")
        .values({ user_id: userId, kind: input.kind, in_app: input.inApp ? 1 : 0, email: input.email ? 1 : 0 })
        .execute();
    await recordAudit(trx, ctx, {
      action: "notification.settings_changed",
      entityType: "user",
      entityId: userId,
      before: { kind: input.kind, ...before },
      after: { kind: input.kind, inApp: input.inApp, email: input.email },
    });
  });
}
