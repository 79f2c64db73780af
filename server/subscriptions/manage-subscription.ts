import "server-only";
import type { z } from "zod";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";
import { ZSubscriberId, ZToken } from "./schemas";
import { componentsOf, displayTarget } from "./subscriber-rows";
import { tokenHash } from "./tokens";
import { transact } from "../db/transact";

/**
 * Confirms an email subscription. Opening the link again is harmless (the token stays valid while
 * the subscription exists). A pending row for an address that is already confirmed carries a new
 * choice of components: it is folded into the existing row, which keeps its unsubscribe link.
 */
export async function confirmSubscription(db: DB, ctx: RequestCtx, raw: z.input<typeof ZToken>): Promise<{ confirmed: true }> {
  const { token } = ZToken.parse(raw);
  const hash = tokenHash(token);
  const now = ctx.now();
  return transact(db, async (trx) => {
    const row = await forUpdate(
      trx,
      trx.selectFrom("status_subscribers").selectAll().where("confirm_token_hash", "=", hash),
    ).executeTakeFirst();
    if (!row || row.kind !== "email") throw notFound(msg("subscriptions.err.notFound"));
    if (row.confirmed) return { confirmed: true } as const;
    const siblings = await forUpdate(
      trx,
      trx
        .selectFrom("status_subscribers")
        .selectAll()
        .where("kind", "=", "email")
        .where("target", "=", row.target)
        .where("id", "!=", row.id)
        .orderBy("id"),
    ).execute();
    const keeper = siblings.find((s) => s.confirmed === 1);
    // Leftovers of two simultaneous sign-ups go: one address, one subscription.
    const drop = siblings.filter((s) => s !== keeper).map((s) => s.id);
    if (keeper) {
      drop.push(row.id);
      await trx
        .updateTable("status_subscribers")
        .set({ locale: row.locale, components: row.components, confirm_token_hash: hash })
        .where("id", "=", keeper.id)
        .execute();
      await recordAudit(trx, ctx, {
        action: "subscription.confirmed",
        entityType: "status_subscriber",
        entityId: keeper.id,
        before: { locale: keeper.locale, components: componentsOf(keeper) },
        after: { locale: row.locale, components: componentsOf(row) },
      });
    } else {
      await trx.updateTable("status_subscribers").set({ confirmed: 1, confirmed_at: now }).where("id", "=", row.id).execute();
      await recordAudit(trx, ctx, {
        action: "subscription.confirmed",
        entityType: "status_subscriber",
        entityId: row.id,
        after: { kind: "email", target: row.target, components: componentsOf(row) },
      });
    }
    if (drop.length) await trx.deleteFrom("status_subscribers").where("id", "in", drop).execute();
    return { confirmed: true } as const;
  });
}

/**
 * Unsubscribes through a link (the page's button or the RFC 8058 one-click POST). An email address
 * leaves entirely (pending rows too). A token that matches nothing, such as one already used, answers
 * the same: mail clients retry one-click requests, and the answer reveals nothing.
 */
export async function unsubscribeByToken(db: DB, ctx: RequestCtx, raw: z.input<typeof ZToken>): Promise<{ unsubscribed: true }> {
  const { token } = ZToken.parse(raw);
  await transact(db, async (trx) => {
    const row = await forUpdate(
      trx,
      trx.selectFrom("status_subscribers").select(["id", "kind", "target"]).where("unsubscribe_token_hash", "=", tokenHash(token)),
    ).executeTakeFirst();
    if (row) await removeRows(trx, ctx, row, "link");
  });
  return { unsubscribed: true };
}

/** Staff remove a subscriber; an unknown id is NOT_FOUND. */
export async function removeSubscriber(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSubscriberId>): Promise<{ removed: true }> {
  const { id } = ZSubscriberId.parse(raw);
  await transact(db, async (trx) => {
    const row = await forUpdate(
      trx,
      trx.selectFrom("status_subscribers").select(["id", "kind", "target"]).where("id", "=", id),
    ).executeTakeFirst();
    if (!row) throw notFound(msg("subscriptions.err.notFound"));
    await removeRows(trx, ctx, row, "staff");
  });
  return { removed: true };
}

/** A webhook answered 410 Gone: the receiver asks to be forgotten. Returns false if it was already gone. */
export async function removeGoneWebhook(trx: Tx, ctx: RequestCtx, id: number): Promise<boolean> {
  const row = await forUpdate(
    trx,
    trx.selectFrom("status_subscribers").select(["id", "kind", "target"]).where("id", "=", id),
  ).executeTakeFirst();
  if (!row) return false;
  await removeRows(trx, ctx, row, "gone");
  return true;
}

async function removeRows(
  trx: Tx,
  ctx: RequestCtx,
  row: { id: number; kind: "email" | "webhook"; target: string },
  via: "link" | "staff" | "gone",
): Promise<void> {
  let q = trx.deleteFrom("status_subscribers");
  q = row.kind === "email" ? q.where("kind", "=", "email").where("target", "=", row.target) : q.where("id", "=", row.id);
  await q.execute();
  await recordAudit(trx, ctx, {
    action: "subscription.removed",
    entityType: "status_subscriber",
    entityId: row.id,
    before: { kind: row.kind, target: displayTarget(row.kind, row.target) },
    after: { via },
  });
}
