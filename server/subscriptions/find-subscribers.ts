import "server-only";
import type { z } from "zod";
import type { DB } from "../db";
import type { WebhookState } from "../db/schema";
import { ZFindSubscribers } from "./schemas";
import { componentsOf, displayTarget } from "./subscriber-rows";
import { toKeyPage } from "../db/key-page";

export interface SubscriberListItem {
  id: number;
  kind: "email" | "webhook";
  /** The address, or only the origin of a webhook URL (its path may hold a credential). */
  target: string;
  locale: "en" | "ru";
  components: number[] | null;
  confirmed: boolean;
  /** Webhooks: unverified, verified, approved or failed; null for email. */
  state: WebhookState | null;
  /** Webhooks: why the last verification call failed. */
  lastError: string | null;
  createdAt: number;
  confirmedAt: number | null;
}

/** Staff list of subscribers, newest first, key-paginated by id. Secrets never leave the database. */
export async function findSubscribers(
  db: DB,
  raw: z.input<typeof ZFindSubscribers>,
): Promise<{ items: SubscriberListItem[]; nextCursor: number | null }> {
  const input = ZFindSubscribers.parse(raw);
  let q = db
    .selectFrom("status_subscribers")
    .select(["id", "kind", "target", "locale", "components", "confirmed", "created_at", "confirmed_at", "webhook_state", "webhook_error"])
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.kind) q = q.where("kind", "=", input.kind);
  if (input.cursor) q = q.where("id", "<", input.cursor);
  const rows = await q.execute();
  return toKeyPage(rows, input.limit, (r) => ({
    id: r.id,
    kind: r.kind,
    target: displayTarget(r.kind, r.target),
    locale: r.locale,
    components: componentsOf(r),
    confirmed: r.confirmed === 1,
    state: r.kind === "webhook" ? (r.webhook_state ?? "unverified") : null,
    lastError: r.kind === "webhook" ? r.webhook_error : null,
    createdAt: Number(r.created_at),
    confirmedAt: r.confirmed_at === null ? null : Number(r.confirmed_at),
  }));
}
