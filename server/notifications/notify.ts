import "server-only";
import type { Tx } from "../db/dialect";
import type { RequestCtx } from "../context";
import { toJson } from "../db/json";
import { queueEmail } from "../email/queue-email";
import { appUrl } from "../env";
import { ASSIGNEE_ROLES } from "../tickets/access";
import { translate } from "@/lib/i18n";
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

/** The switches of `userIds` for `kind`: their own where set, the kind's defaults otherwise. */
export async function switchesFor(
  trx: Tx,
  kind: NotificationKind,
  userIds: readonly number[],
): Promise<Map<number, { inApp: boolean; email: boolean }>> {
  const own = userIds.length
    ? await trx
        .selectFrom("notification_settings")
        .select(["user_id", "in_app", "email"])
        .where("kind", "=", kind)
        .where("user_id", "in", userIds)
        .execute()
    : [];
  const def = NOTIFICATION_KINDS[kind];
  const out = new Map<number, { inApp: boolean; email: boolean }>(userIds.map((id) => [id, { inApp: def.inApp, email: def.email }]));
  for (const r of own) out.set(r.user_id, { inApp: r.in_app === 1, email: r.email === 1 });
  return out;
}

/**
 * Tells staff about something, in the caller's transaction: an in-app row for those who keep the kind in the
 * app and an email through the outbox for those who take it by email (each in their own language). Nothing is
 * written when the change rolls back. Returns how many in-app rows and emails were written.
 */
export async function notify(trx: Tx, ctx: RequestCtx, input: NotifyInput): Promise<{ inApp: number; emails: number }> {
  const ids = [...new Set(input.userIds)].filter((id) => input.includeActor || id !== ctx.actor?.id);
  if (ids.length === 0) return { inApp: 0, emails: 0 };
  const people = await trx
    .selectFrom("users")
    .select(["id", "email", "locale"])
    .where("id", "in", ids)
    .where("role", "in", ASSIGNEE_ROLES)
    .where("disabled", "=", 0)
    .execute();
  if (people.length === 0) return { inApp: 0, emails: 0 };
  const switches = await switchesFor(
    trx,
    input.kind,
    people.map((p) => p.id),
  );
  const vars: NotificationVars = { ...(ctx.actor ? { actor: ctx.actor.name } : {}), ...input.vars };
  const ticketId = input.ticketId ?? null;
  if (ticketId !== null) {
    vars.id = ticketId;
    if (vars.subject === undefined) {
      const t = await trx.selectFrom("tickets").select("subject").where("id", "=", ticketId).executeTakeFirst();
      vars.subject = t?.subject ?? "";
    }
  }
  const now = ctx.now();
  const inApp = people.filter((p) => switches.get(p.id)!.inApp);
  if (inApp.length)
    await trx
      .insertInto("notifications")
      .values(
        inApp.map((p) => ({
          user_id: p.id,
          kind: input.kind,
          ticket_id: ticketId,
          vars_json: toJson(vars)!,
          created_at: now,
          read_at: null,
        })),
      )
      .execute();
  const byEmail = people.filter((p) => switches.get(p.id)!.email);
  const link = `${appUrl()}${ticketId !== null ? `/inbox/${ticketId}` : "/inbox"}`;
  for (const p of byEmail) {
    const mailVars = { actor: translate(p.locale, "timeline.system"), ...vars, link };
    await queueEmail(trx, now, {
      to: p.email,
      subject: translate(p.locale, `notify.email.${input.kind}.subject`, mailVars),
      text: translate(p.locale, `notify.email.${input.kind}.body`, mailVars),
    });
  }
  return { inApp: inApp.length, emails: byEmail.length };
}
