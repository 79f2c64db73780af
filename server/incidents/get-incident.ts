import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import type { Locale } from "../db/schema";
import { assertCan } from "../components/access";
import { ZId } from "../components/schemas";
import { incidentNotFound } from "./store";
import { postmortemTemplate } from "./postmortem";

/** Tickets filed while the incident ran (linked or not): a measure of how many customers it touched. */
export async function countTicketsFiledDuring(db: DB, startedAt: number, endedAt: number): Promise<number> {
  const r = await db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("created_at", ">=", startedAt)
    .where("created_at", "<=", endedAt)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Everything the staff incident page shows; the postmortem template is in the reader's (the author's) language. */
export async function getIncident(db: DB, ctx: RequestCtx, rawId: number, locale: Locale = ctx.actor?.locale ?? "en") {
  assertCan(ctx, "incident.manage");
  const id = ZId.parse(rawId);
  const inc = await db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
  if (!inc) throw incidentNotFound();
  const [updates, components, tickets, filedDuring] = await Promise.all([
    db
      .selectFrom("incident_updates as u")
      .leftJoin("users as a", "a.id", "u.author_id")
      .select(["u.id", "u.status", "u.body", "u.created_at", "a.name as authorName"])
      .where("u.incident_id", "=", id)
      .orderBy("u.created_at", "desc")
      .orderBy("u.id", "desc")
      .execute(),
    db
      .selectFrom("incident_components as ic")
      .innerJoin("status_components as c", "c.id", "ic.component_id")
      .select(["c.id", "c.name_en", "c.name_ru", "c.status as currentStatus", "ic.status"])
      .where("ic.incident_id", "=", id)
      .orderBy("c.position")
      .orderBy("c.id")
      .execute(),
    db
      .selectFrom("incident_tickets as it")
      .innerJoin("tickets as t", "t.id", "it.ticket_id")
      .innerJoin("users as r", "r.id", "t.requester_id")
      .select(["t.id", "t.subject", "t.status", "t.created_at", "r.name as requesterName", "it.created_at as linkedAt"])
      .where("it.incident_id", "=", id)
      .orderBy("t.id")
      .execute(),
    countTicketsFiledDuring(db, inc.started_at, inc.resolved_at ?? ctx.now()),
  ]);
  const timeline = [...updates].reverse().map((u) => ({ createdAt: Number(u.created_at), status: u.status, body: u.body }));
  return {
    id: inc.id,
    title: inc.title,
    impact: inc.impact,
    status: inc.status,
    auto: inc.auto === 1,
    monitorId: inc.monitor_id,
    startedAt: Number(inc.started_at),
    resolvedAt: inc.resolved_at === null ? null : Number(inc.resolved_at),
    mergedIntoId: inc.merged_into_id,
    postmortem: inc.postmortem,
    postmortemPublishedAt: inc.postmortem_published_at === null ? null : Number(inc.postmortem_published_at),
    postmortemTemplate: postmortemTemplate(locale, timeline),
    updates: updates.map((u) => ({ id: u.id, status: u.status, body: u.body, createdAt: Number(u.created_at), authorName: u.authorName })),
    components: components.map((c) => ({
      id: c.id,
      nameEn: c.name_en,
      nameRu: c.name_ru,
      status: c.status,
      currentStatus: c.currentStatus,
    })),
    linkedTickets: tickets.map((t) => ({
      id: t.id,
      subject: t.subject,
      status: t.status,
      createdAt: Number(t.created_at),
      requesterName: t.requesterName,
    })),
    ticketsFiledDuring: filedDuring,
  };
}
export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;

/** Active incidents first, then the most recently resolved; merged ones are left out. */
export async function findIncidents(db: DB, ctx: RequestCtx, input: { recentLimit?: number } = {}) {
  assertCan(ctx, "incident.manage");
  const base = db
    .selectFrom("incidents")
    .select(["id", "title", "impact", "status", "auto", "started_at", "resolved_at", "postmortem_published_at"])
    .where("merged_into_id", "is", null);
  const [active, recent] = await Promise.all([
    base.where("status", "!=", "resolved").orderBy("started_at", "desc").orderBy("id", "desc").limit(200).execute(),
    base
      .where("status", "=", "resolved")
      .orderBy("resolved_at", "desc")
      .orderBy("id", "desc")
      .limit(input.recentLimit ?? 20)
      .execute(),
  ]);
  const row = (i: (typeof active)[number]) => ({
    id: i.id,
    title: i.title,
    impact: i.impact,
    status: i.status,
    auto: i.auto === 1,
    startedAt: Number(i.started_at),
    resolvedAt: i.resolved_at === null ? null : Number(i.resolved_at),
    postmortemPublished: i.postmortem_published_at !== null,
  });
  return { active: active.map(row), recent: recent.map(row) };
}
