import "server-only";
import type { DB } from "../db";
import type { TicketPriority, TicketStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { AppError } from "../errors";
import { ZFindTickets } from "./schemas";
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
  const input = ZFindTickets.parse(raw);
  let q = baseList(db)
    .where("t.requester_id", "=", ctx.actor.id)
    .limit(input.limit + 1);
  if (input.cursor) q = q.where("t.id", "<", input.cursor);
  return toPage(await q.execute(), input.limit);
}
