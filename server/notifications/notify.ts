import "server-only";
import type { Insertable } from "kysely";
import type { Tx } from "../db/dialect";
import type { RequestCtx } from "../context";
import { toJson } from "../db/json";
import type { EmailInput } from "../email/queue-email";
import type { Locale, NotificationsTable } from "../db/schema";
import { appUrl } from "../env";
import { ASSIGNEE_ROLES } from "../tickets/access";
import { formatDateTime, translate } from "@/lib/i18n";
import { queueEmails } from "../email/queue-email";
import { NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

export type NotificationVars = Record<string, string | number>;

export interface NotifyInput {
  kind: NotificationKind;
  /** Staff to tell; customers, disabled accounts and the actor themselves are left out. */
  userIds: readonly number[];
  ticketId?: number | null;
  /** The sentence's placeholders; {id} comes from ticketId, {subject} is read from the ticket if not given. */
  vars?: NotificationVars;
  /** Tell the actor too (a job acting as nobody never needs this). */
  includeActor?: boolean;
}

/** The switches of `userIds` for `kinds`: their own where set, the kind's defaults otherwise (one read). */
async function switchesOf(
  trx: Tx,
  kinds: readonly NotificationKind[],
  userIds: readonly number[],
): Promise<(kind: NotificationKind, userId: number) => { inApp: boolean; email: boolean }> {
  const own = userIds.length
    ? await trx
        .selectFrom("notification_settings")
        .select(["user_id", "kind", "in_app", "email"])
        .where("kind", "in", kinds)
        .where("user_id", "in", userIds)
        .execute()
    : [];
  const set = new Map(own.map((r) => [`${r.kind}:${r.user_id}`, { inApp: r.in_app === 1, email: r.email === 1 }]));
  return (kind, userId) => set.get(`${kind}:${userId}`) ?? { inApp: NOTIFICATION_KINDS[kind].inApp, email: NOTIFICATION_KINDS[kind].email };
}

/** The switches of `userIds` for `kind`: their own where set, the kind's defaults otherwise. */
export async function switchesFor(
  trx: Tx,
  kind: NotificationKind,
  userIds: readonly number[],
): Promise<Map<number, { inApp: boolean; email: boolean }>> {
  const of = await switchesOf(trx, [kind], userIds);
  return new Map(userIds.map((id) => [id, of(kind, id)]));
}

/**
 * The placeholders of a notification in the reader's language: an SLA notification keeps the metric's key and the
 * due time, not words, so each reader sees {target} and {due} in their own language (in the app and by email).
 */
export function localizeVars(locale: Locale, vars: NotificationVars): NotificationVars {
  const out = { ...vars };
  if (typeof vars.metric === "string") out.target = translate(locale, `sla.target.${vars.metric}`);
  if (typeof vars.dueAt === "number") out.due = formatDateTime(locale, vars.dueAt);
  return out;
}

const CHUNK = 500;

/**
 * Tells staff about something, in the caller's transaction: an in-app row for those who keep the kind in the
 * app and an email through the outbox for those who take it by email (each in their own language). Nothing is
 * written when the change rolls back. Returns how many in-app rows and emails were written.
 */
export async function notify(trx: Tx, ctx: RequestCtx, input: NotifyInput): Promise<{ inApp: number; emails: number }> {
  return notifyMany(trx, ctx, [input]);
}

/**
 * notify() for several notifications at once (the SLA sweep: hundreds of tickets a batch): the people, their
 * switches and the tickets' subjects are each read once, the in-app rows and the emails written a few hundred
 * per INSERT.
 */
export async function notifyMany(trx: Tx, ctx: RequestCtx, inputs: readonly NotifyInput[]): Promise<{ inApp: number; emails: number }> {
  const wanted = inputs
    .map((input) => ({ input, ids: [...new Set(input.userIds)].filter((id) => input.includeActor || id !== ctx.actor?.id) }))
    .filter((w) => w.ids.length > 0);
  if (wanted.length === 0) return { inApp: 0, emails: 0 };
  const people = new Map(
    (
      await trx
        .selectFrom("users")
        .select(["id", "email", "locale"])
        .where("id", "in", [...new Set(wanted.flatMap((w) => w.ids))])
        .where("role", "in", ASSIGNEE_ROLES)
        .where("disabled", "=", 0)
        .execute()
    ).map((p) => [p.id, p]),
  );
  if (people.size === 0) return { inApp: 0, emails: 0 };
  const switches = await switchesOf(trx, [...new Set(wanted.map((w) => w.input.kind))], [...people.keys()]);
  const subjects = await subjectsOf(
    trx,
    wanted.map((w) => w.input),
  );

  const now = ctx.now();
  const rows: Insertable<NotificationsTable>[] = [];
  const emails: EmailInput[] = [];
  for (const { input, ids } of wanted) {
    const vars: NotificationVars = { ...(ctx.actor ? { actor: ctx.actor.name } : {}), ...input.vars };
    const ticketId = input.ticketId ?? null;
    if (ticketId !== null) {
      vars.id = ticketId;
      vars.subject ??= subjects.get(ticketId) ?? "";
    }
    const link = `${appUrl()}${ticketId !== null ? `/inbox/${ticketId}` : "/inbox"}`;
    for (const id of ids) {
      const p = people.get(id);
      if (!p) continue;
      const sw = switches(input.kind, id);
      if (sw.inApp)
        rows.push({ user_id: id, kind: input.kind, ticket_id: ticketId, vars_json: toJson(vars)!, created_at: now, read_at: null });
      if (sw.email) {
        const mailVars = { actor: translate(p.locale, "timeline.system"), ...localizeVars(p.locale, vars), link };
        emails.push({
          to: p.email,
          subject: translate(p.locale, `notify.email.${input.kind}.subject`, mailVars),
          text: translate(p.locale, `notify.email.${input.kind}.body`, mailVars),
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto("notifications")
      .values(rows.slice(i, i + CHUNK))
      .execute();
  await queueEmails(trx, now, emails);
  return { inApp: rows.length, emails: emails.length };
}

/** The subjects of the tickets whose notifications do not carry one. */
async function subjectsOf(trx: Tx, inputs: readonly NotifyInput[]): Promise<Map<number, string>> {
  const ids = [...new Set(inputs.filter((i) => i.ticketId != null && i.vars?.subject === undefined).map((i) => i.ticketId!))];
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom("tickets").select(["id", "subject"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.subject]));
}
