import "server-only";
import crypto from "node:crypto";
import type { Tx } from "../db/dialect";
import { fromJson, toJson } from "../db/json";
import type { Locale, WebhookState } from "../db/schema";
import { AppError } from "../errors";
import { msg } from "@/lib/i18n";
import { tokenHash, unsubscribeToken } from "./tokens";

export interface NewSubscriber {
  kind: "email" | "webhook";
  target: string;
  locale: Locale;
  components: number[] | null;
  secret: string | null;
  confirmed: boolean;
  confirmTokenHash: string | null;
  /** Webhooks only. */
  webhookState?: WebhookState;
}

/**
 * Inserts a subscriber. Its unsubscribe token is derived from the id, which exists only after the
 * insert: a random placeholder hash (matching no token) fills the column until the second statement.
 */
export async function insertSubscriber(
  trx: Tx,
  now: number,
  linkKey: string,
  s: NewSubscriber,
): Promise<{ id: number; unsubscribeToken: string }> {
  const res = await trx
    .insertInto("status_subscribers")
    .values({
      kind: s.kind,
      target: s.target,
      locale: s.locale,
      components: toJson(s.components),
      secret: s.secret,
      confirmed: s.confirmed ? 1 : 0,
      confirm_token_hash: s.confirmTokenHash,
      unsubscribe_token_hash: crypto.randomBytes(32).toString("hex"),
      created_at: now,
      confirmed_at: s.confirmed ? now : null,
      webhook_state: s.webhookState ?? null,
      webhook_error: null,
    })
    .executeTakeFirstOrThrow();
  const id = Number(res.insertId);
  const token = unsubscribeToken(linkKey, { id, created_at: now });
  await trx
    .updateTable("status_subscribers")
    .set({ unsubscribe_token_hash: tokenHash(token) })
    .where("id", "=", id)
    .execute();
  return { id, unsubscribeToken: token };
}

/** The stored component filter: null follows every component. */
export function componentsOf(row: { components: string | null }): number[] | null {
  const ids = fromJson<unknown>(row.components);
  return Array.isArray(ids) ? ids.filter((n): n is number => typeof n === "number") : null;
}

/** Does a subscriber follow something that affects these components? */
export function follows(filter: number[] | null, affected: readonly number[]): boolean {
  return filter === null || filter.some((id) => affected.includes(id));
}

/** Refuses ids of components that do not exist, naming the field for the form. */
export async function assertComponentsExist(trx: Tx, ids: number[] | null | undefined): Promise<void> {
  if (!ids?.length) return;
  const found = await trx.selectFrom("status_components").select("id").where("id", "in", ids).execute();
  if (found.length !== ids.length) throw new AppError("INVALID_INPUT", msg("subscriptions.err.components.unknown"), "components");
}

/**
 * What staff and the audit trail see of a target. Webhook URLs often carry a credential in the path or
 * query (chat incoming hooks do), so only the origin is shown.
 */
export function displayTarget(kind: "email" | "webhook", target: string): string {
  if (kind === "email") return target;
  try {
    const u = new URL(target);
    return u.pathname === "/" && !u.search ? u.origin : `${u.origin}/…`;
  } catch {
    return "…";
  }
}
