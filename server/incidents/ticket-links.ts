import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { assertCan } from "../components/access";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";
import { ZId } from "../components/schemas";
import { ZTicketLink, type TTicketLink } from "./schemas";
import { incidentNotFound, lockIncidentOrThrow } from "./store";
import { scoreTicket, tokenize } from "./tokens";
import { transact } from "../db/transact";

export async function linkTicket(db: DB, ctx: RequestCtx, raw: TTicketLink): Promise<void> {
  assertCan(ctx, "incident.manage");
  const input = ZTicketLink.parse(raw);
  await transact(db, async (trx) => {
    const inc = await lockIncidentOrThrow(trx, input.incidentId);
    const ticket = await trx.selectFrom("tickets").select("id").where("id", "=", input.ticketId).executeTakeFirst();
    if (!ticket) throw notFound(msg("err.ticketNotFound"));
    const existing = await trx
      .selectFrom("incident_tickets")
      .select("ticket_id")
      .where("incident_id", "=", inc.id)
      .where("ticket_id", "=", ticket.id)
      .executeTakeFirst();
    if (existing) return;
    await trx
      .insertInto("incident_tickets")
      .values({ incident_id: inc.id, ticket_id: ticket.id, linked_by: ctx.actor?.id ?? null, created_at: ctx.now() })
      .execute();
    await recordAudit(trx, ctx, {
      action: "incident.ticket_linked",
      entityType: "incident",
      entityId: inc.id,
      after: { ticketId: ticket.id },
    });
  });
}

export async function unlinkTicket(db: DB, ctx: RequestCtx, raw: TTicketLink): Promise<void> {
  assertCan(ctx, "incident.manage");
  const input = ZTicketLink.parse(raw);
  await transact(db, async (trx) => {
    const inc = await lockIncidentOrThrow(trx, input.incidentId);
    const res = await trx
      .deleteFrom("incident_tickets")
      .where("incident_id", "=", inc.id)
      .where("ticket_id", "=", input.ticketId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound(msg("err.ticketNotFound"));
    await recordAudit(trx, ctx, {
      action: "incident.ticket_unlinked",
      entityType: "incident",
      entityId: inc.id,
      before: { ticketId: input.ticketId },
    });
  });
}

export const SUGGEST_BEFORE_MS = 2 * 3_600_000;
const SCAN_LIMIT = 1000;

/**
 * Tickets worth linking: filed from two hours before the incident to its end (or now), not linked yet,
 * ranked by words shared with the incident's title and updates and by mentions of its components.
 */
export async function suggestTickets(db: DB, ctx: RequestCtx, rawId: number, limit = 10) {
  assertCan(ctx, "incident.manage");
  const id = ZId.parse(rawId);
  const inc = await db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
  if (!inc) throw incidentNotFound();
  const [updates, components, candidates] = await Promise.all([
    db.selectFrom("incident_updates").select("body").where("incident_id", "=", id).execute(),
    db
      .selectFrom("incident_components as ic")
      .innerJoin("status_components as c", "c.id", "ic.component_id")
      .select(["c.name_en", "c.name_ru", "c.slug"])
      .where("ic.incident_id", "=", id)
      .execute(),
    db
      .selectFrom("tickets as t")
      .leftJoin("incident_tickets as it", (j) => j.onRef("it.ticket_id", "=", "t.id").on("it.incident_id", "=", id))
      .innerJoin("users as u", "u.id", "t.requester_id")
      .select(["t.id", "t.subject", "t.description", "t.status", "t.created_at", "u.name as requesterName"])
      .where("it.ticket_id", "is", null)
      .where("t.created_at", ">=", inc.started_at - SUGGEST_BEFORE_MS)
      .where("t.created_at", "<=", inc.resolved_at ?? ctx.now())
      .orderBy("t.created_at", "desc")
      .limit(SCAN_LIMIT)
      .execute(),
  ]);
  const input = {
    incidentWords: tokenize([inc.title, ...updates.map((u) => u.body)].join(" ")),
    componentNames: components.map((c) => new Set([...tokenize(c.name_en), ...tokenize(c.name_ru)])),
  };
  return candidates
    .map((t) => ({ ticket: t, ...scoreTicket(`${t.subject} ${t.description}`, input) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || b.ticket.created_at - a.ticket.created_at)
    .slice(0, limit)
    .map((s) => ({
      id: s.ticket.id,
      subject: s.ticket.subject,
      status: s.ticket.status,
      createdAt: Number(s.ticket.created_at),
      requesterName: s.ticket.requesterName,
      score: s.score,
      matchedWords: s.words,
      mentionsComponents: s.components,
    }));
}
