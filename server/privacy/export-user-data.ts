import "server-only";
import type { DB } from "../db";
import type { Locale, Role, TicketPriority, TicketStatus } from "../db/schema";
import { fromJson } from "../db/json";
import { transact } from "../db/transact";
import type { RequestCtx } from "../context";
import { AppError, notFound } from "../errors";
import { can } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { msg } from "@/lib/i18n";
import { isErasableAccount } from "./access";
import { ZUserId, type TUserId } from "./schemas";

/**
 * Everything Mayak keeps about one person, as they may take it away: their account, their tickets with the
 * public conversation (their messages and staff replies, never internal notes), their article feedback,
 * their status-page email subscriptions and what they did (the audit trail's record of their own actions,
 * with the address and browser it came from), their sessions, and whether they use a second factor or passkeys.
 * Other people appear only as staff display names.
 */
export interface UserDataExport {
  format: "mayak-user-data/1";
  exportedAt: string;
  account: {
    id: number;
    email: string;
    name: string;
    role: Role;
    locale: Locale;
    createdAt: string;
    lastSignInAt: string | null;
    erasedAt: string | null;
  };
  tickets: {
    id: number;
    subject: string;
    description: string;
    steps: string;
    expected: string;
    actual: string;
    pageUrl: string;
    status: TicketStatus;
    priority: TicketPriority;
    createdAt: string;
    updatedAt: string;
    solvedAt: string | null;
    assignee: string | null;
    messages: { id: number; from: "you" | "staff"; author: string; body: string; createdAt: string }[];
    /** Their satisfaction rating of the ticket, when they gave one. */
    rating: { rating: string; comment: string | null; ratedAt: string } | null;
  }[];
  feedback: { article: string; helpful: boolean; reason: string | null; comment: string | null; createdAt: string }[];
  subscriptions: {
    kind: "email";
    locale: Locale;
    components: number[] | null;
    confirmed: boolean;
    createdAt: string;
    confirmedAt: string | null;
  }[];
  activity: { action: string; entity: string; createdAt: string; ip: string; userAgent: string }[];
  sessions: {
    label: string;
    ip: string;
    userAgent: string;
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    revokedAt: string | null;
  }[];
  security: { twoFactorEnabled: boolean; passkeys: { name: string; createdAt: string; lastUsedAt: string | null }[] };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
const PAGE = 1000;

/** Reads rows by id in pages of PAGE (never OFFSET), for lists that may be long. */
async function allById<T extends { id: number }>(page: (afterId: number) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let after = 0; ;) {
    const rows = await page(after);
    out.push(...rows);
    if (rows.length < PAGE) return out;
    after = rows[rows.length - 1].id;
  }
}

/** The export of one account; null when there is no such account. */
export async function exportUserData(db: DB, userId: number, now: number): Promise<UserDataExport | null> {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!user) return null;

  const tickets = await allById((after) =>
    db
      .selectFrom("tickets as t")
      .leftJoin("users as a", "a.id", "t.assignee_id")
      .select([
        "t.id",
        "t.subject",
        "t.description",
        "t.steps",
        "t.expected",
        "t.actual",
        "t.page_url",
        "t.status",
        "t.priority",
        "t.created_at",
        "t.updated_at",
        "t.solved_at",
        "a.name as assignee_name",
      ])
      .where("t.requester_id", "=", user.id)
      .where("t.id", ">", after)
      .orderBy("t.id")
      .limit(PAGE)
      .execute(),
  );
  const messages = new Map<number, UserDataExport["tickets"][number]["messages"]>();
  const ratings = new Map<number, NonNullable<UserDataExport["tickets"][number]["rating"]>>();
  for (let i = 0; i < tickets.length; i += 500) {
    const ids = tickets.slice(i, i + 500).map((t) => t.id);
    const rated = await db
      .selectFrom("ticket_ratings")
      .select(["ticket_id", "rating", "comment", "rated_at"])
      .where("ticket_id", "in", ids)
      .where("requester_id", "=", user.id)
      .where("rating", "is not", null)
      .execute();
    for (const r of rated) ratings.set(r.ticket_id, { rating: r.rating!, comment: r.comment, ratedAt: iso(r.rated_at)! });
    const rows = await db
      .selectFrom("ticket_messages as m")
      .innerJoin("users as u", "u.id", "m.author_id")
      .select(["m.id", "m.ticket_id", "m.author_id", "m.body", "m.created_at", "u.name as author_name"])
      .where("m.ticket_id", "in", ids)
      .where("m.kind", "=", "reply")
      .orderBy("m.id")
      .execute();
    for (const m of rows) {
      const mine = m.author_id === user.id;
      const list = messages.get(m.ticket_id) ?? [];
      list.push({ id: m.id, from: mine ? "you" : "staff", author: m.author_name, body: m.body, createdAt: iso(m.created_at)! });
      messages.set(m.ticket_id, list);
    }
  }

  const activityRows = await allById((after) =>
    db
      .selectFrom("audit_events")
      .select(["id", "action", "entity_type", "entity_id", "after_json", "created_at", "ip", "user_agent"])
      .where("actor_id", "=", user.id)
      .where("id", ">", after)
      .orderBy("id")
      .limit(PAGE)
      .execute(),
  );
  // Article feedback is stored without a name; the account's own feedback events say which rows are theirs.
  const feedbackIds = activityRows
    .filter((e) => e.action === "article.feedback")
    .map((e) => fromJson<{ feedbackId?: number }>(e.after_json)?.feedbackId)
    .filter((id): id is number => typeof id === "number");
  const feedback = feedbackIds.length
    ? await db
        .selectFrom("kb_feedback as f")
        .innerJoin("kb_articles as a", "a.id", "f.article_id")
        .select(["f.id", "f.helpful", "f.reason", "f.comment", "f.created_at", "a.title", "a.slug"])
        .where("f.id", "in", feedbackIds.slice(0, 5000))
        .orderBy("f.id")
        .execute()
    : [];

  const subscriptions = await db
    .selectFrom("status_subscribers")
    .select(["id", "locale", "components", "confirmed", "created_at", "confirmed_at"])
    .where("kind", "=", "email")
    .where("target", "=", user.email)
    .orderBy("id")
    .execute();
  const sessions = await db
    .selectFrom("user_sessions")
    .select(["label", "ip", "user_agent", "created_at", "last_seen_at", "expires_at", "revoked_at"])
    .where("user_id", "=", user.id)
    .orderBy("created_at")
    .execute();
  const twoFactor = await db.selectFrom("user_two_factor").select("enabled_at").where("user_id", "=", user.id).executeTakeFirst();
  const passkeys = await db
    .selectFrom("user_passkeys")
    .select(["name", "created_at", "last_used_at"])
    .where("user_id", "=", user.id)
    .orderBy("id")
    .execute();

  return {
    format: "mayak-user-data/1",
    exportedAt: iso(now)!,
    account: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      locale: user.locale,
      createdAt: iso(user.created_at)!,
      lastSignInAt: iso(user.last_sign_in_at),
      erasedAt: iso(user.erased_at),
    },
    tickets: tickets.map((t) => ({
      id: t.id,
      subject: t.subject,
      description: t.description,
      steps: t.steps,
      expected: t.expected,
      actual: t.actual,
      pageUrl: t.page_url,
      status: t.status,
      priority: t.priority,
      createdAt: iso(t.created_at)!,
      updatedAt: iso(t.updated_at)!,
      solvedAt: iso(t.solved_at),
      assignee: t.assignee_name,
      messages: messages.get(t.id) ?? [],
      rating: ratings.get(t.id) ?? null,
    })),
    feedback: feedback.map((f) => ({
      article: `${f.title} (/help/articles/${f.slug})`,
      helpful: Boolean(f.helpful),
      reason: f.reason,
      comment: f.comment,
      createdAt: iso(f.created_at)!,
    })),
    subscriptions: subscriptions.map((s) => ({
      kind: "email" as const,
      locale: s.locale,
      components: fromJson<number[]>(s.components),
      confirmed: Boolean(s.confirmed),
      createdAt: iso(s.created_at)!,
      confirmedAt: iso(s.confirmed_at),
    })),
    activity: activityRows.map((e) => ({
      action: e.action,
      entity: `${e.entity_type}:${e.entity_id}`,
      createdAt: iso(e.created_at)!,
      ip: e.ip,
      userAgent: e.user_agent,
    })),
    sessions: sessions.map((x) => ({
      label: x.label,
      ip: x.ip,
      userAgent: x.user_agent,
      createdAt: iso(x.created_at)!,
      lastSeenAt: iso(x.last_seen_at)!,
      expiresAt: iso(x.expires_at)!,
      revokedAt: iso(x.revoked_at),
    })),
    // Secrets (the authenticator's key, recovery codes, passkeys' public keys) stay out: they are not data about the person.
    security: {
      twoFactorEnabled: !!twoFactor?.enabled_at,
      passkeys: passkeys.map((k) => ({ name: k.name, createdAt: iso(k.created_at)!, lastUsedAt: iso(k.last_used_at) })),
    },
  };
}

async function recordExport(db: DB, ctx: RequestCtx, userId: number, by: "self" | "admin"): Promise<void> {
  await transact(db, (trx) =>
    recordAudit(trx, ctx, { action: "privacy.data_exported", entityType: "user", entityId: userId, after: { by } }),
  );
}

/** A signed-in person downloads their own data. Audited. */
export async function exportOwnData(db: DB, ctx: RequestCtx): Promise<UserDataExport> {
  if (!ctx.actor) throw notFound();
  const data = await exportUserData(db, ctx.actor.id, ctx.now());
  if (!data) throw notFound();
  await recordExport(db, ctx, ctx.actor.id, "self");
  return data;
}

/** An admin exports a customer's data (privacy.manage), as the customer would get it. Audited. */
export async function exportCustomerData(db: DB, ctx: RequestCtx, raw: TUserId): Promise<UserDataExport> {
  const input = ZUserId.parse(raw);
  if (!can(ctx.actor, "privacy.manage")) throw notFound(msg("err.userNotFound"));
  const data = await exportUserData(db, input.userId, ctx.now());
  if (!data) throw notFound(msg("err.userNotFound"));
  if (!isErasableAccount(data.account)) throw new AppError("CONFLICT", msg("privacy.err.notCustomer"));
  await recordExport(db, ctx, input.userId, "admin");
  return data;
}
