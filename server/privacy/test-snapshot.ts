import "server-only";
import type { DB } from "../db";
import { countRows } from "@/tests/factories";

/** What a refused call must leave alone. */
export async function snapshot(db: DB) {
  return {
    users: await db.selectFrom("users").selectAll().orderBy("id").execute(),
    tickets: await db.selectFrom("tickets").selectAll().orderBy("id").execute(),
    messages: await db.selectFrom("ticket_messages").selectAll().orderBy("id").execute(),
    outbox: await countRows(db, "outbox_emails"),
    subscribers: await db.selectFrom("status_subscribers").selectAll().orderBy("id").execute(),
    audit: await db.selectFrom("audit_events").select(["id", "hash", "ip", "after_json", "redactions"]).orderBy("id").execute(),
  };
}
