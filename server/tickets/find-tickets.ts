import "server-only";
import type { DB } from "../db";
import type { TicketPriority, TicketStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError } from "../errors";
import { ZFindTickets, type TFindTickets } from "./schemas";
import { msg } from "@/lib/i18n";
import { toKeyPage } from "../db/key-page";

export interface TicketListItem {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  createdAt: number;
  updatedAt: number;
  requesterName: string;
  assigneeName: string | null;
}

export interface TicketPage {
  items: TicketListItem[];
  nextCursor: number | null;
}

function baseList(db: DB) {
  return db
    .selectFrom("tickets as t")
    .innerJoin("users as r", "r.id", "t.requester_id")
    .leftJoin("users as a", "a.id", "t.assignee_id")
    .select([
      "t.id",
      "t.subject",
      "t.status",
      "t.priority",
      "t.created_at",
      "t.updated_at",
      "r.name as requester_name",
      "a.name as assignee_name",
    ])
    .orderBy("t.id", "desc");
}

function toPage(rows: Awaited<ReturnType<ReturnType<typeof baseList>["execute"]>>, limit: number): TicketPage {
  return toKeyPage(rows, limit, (r) => ({
    id: r.id,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    requesterName: r.requester_name,
    assigneeName: r.assignee_name,
  }));
}

/** The signed-in customer's own tickets, newest first, paginated by id. */
export async function findMyTickets(db: DB, ctx: RequestCtx, raw: { cursor?: number; limit?: number }): Promise<TicketPage> {
  if (!ctx.actor) throw new AppError("UNAUTHORIZED", "Sign in to see your tickets");
  const input = ZFindTickets.pick({ cursor: true, limit: true }).parse(raw);
  let q = baseList(db)
    .where("t.requester_id", "=", ctx.actor.id)
    .limit(input.limit + 1);
  if (input.cursor) q = q.where("t.id", "<", input.cursor);
  return toPage(await q.execute(), input.limit);
}

/** The agent inbox: a view (open, mine, unassigned, solved, all), newest first, paginated by id. */
export async function findInboxTickets(db: DB, ctx: RequestCtx, raw: TFindTickets): Promise<TicketPage> {
  if (!can(ctx.actor, "inbox.view")) throw new AppError("NOT_FOUND", msg("err.notFound"));
  const input = ZFindTickets.parse(raw);
  let q = baseList(db).limit(input.limit + 1);
  switch (input.view) {
    case "open":
      q = q.where("t.is_open", "=", 1);
      break;
    case "mine":
      q = q.where("t.assignee_id", "=", ctx.actor!.id).where("t.is_open", "=", 1);
      break;
    case "unassigned":
      q = q.where("t.assignee_id", "is", null).where("t.is_open", "=", 1);
      break;
    case "solved":
      q = q.where("t.is_open", "=", 0);
      break;
    case "all":
      break;
  }
  if (input.priority) q = q.where("t.priority", "=", input.priority);
  if (input.cursor) q = q.where("t.id", "<", input.cursor);
  return toPage(await q.execute(), input.limit);
}

/** Counts per inbox view, for the sidebar. */
export async function countInboxViews(db: DB, ctx: RequestCtx): Promise<Record<"open" | "mine" | "unassigned", number>> {
  if (!can(ctx.actor, "inbox.view")) throw new AppError("NOT_FOUND", msg("err.notFound"));
  const rows = await db
    .selectFrom("tickets")
    .select((eb) => [
      eb.fn.countAll<number>().as("open"),
      eb.fn.sum<number>(eb.case().when("assignee_id", "=", ctx.actor!.id).then(1).else(0).end()).as("mine"),
      eb.fn.sum<number>(eb.case().when("assignee_id", "is", null).then(1).else(0).end()).as("unassigned"),
    ])
    .where("is_open", "=", 1)
    .executeTakeFirstOrThrow();
  return { open: Number(rows.open ?? 0), mine: Number(rows.mine ?? 0), unassigned: Number(rows.unassigned ?? 0) };
}
