import "server-only";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import { forUpdate } from "../db/dialect";
import type { Actor, RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { canSeeNotes } from "../tickets/access";
import { getVisibleTicketOrThrow } from "../tickets/load-ticket";
import { attachmentSettings } from "../env";
import { msg } from "@/lib/i18n";
import { inspectUpload, isInlineImage } from "./inspect";
import { newStorageKey, type BlobStorage } from "./storage";

export interface AttachmentLimits {
  maxFileBytes: number;
  maxMessageBytes: number;
  maxFiles: number;
}

/** What the conversation shows of a file. The bytes are at /api/attachments/{id}, behind the ticket's access rule. */
export interface AttachmentView {
  id: number;
  name: string;
  size: number;
  contentType: string;
  inline: boolean;
}

/** Files one person may have waiting to be sent at once: a form's worth, several times over. */
export const MAX_PENDING_PER_USER = 50;
/** A pending upload not sent with a message within this long is an orphan. */
export const ORPHAN_AFTER_MS = 24 * 3_600_000;

const defaultLimits = (): AttachmentLimits => attachmentSettings().limits;

export function toAttachmentView(row: { id: number; file_name: string; size: number; content_type: string }): AttachmentView {
  return {
    id: row.id,
    name: row.file_name,
    size: Number(row.size),
    contentType: row.content_type,
    inline: isInlineImage(row.content_type),
  };
}

function signedIn(ctx: RequestCtx): Actor {
  if (!ctx.actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  // Everyone who may write on a ticket (customers on their own, staff on any) may upload for it.
  if (!can(ctx.actor, "ticket.reply.own") && !can(ctx.actor, "ticket.reply")) throw notFound();
  return ctx.actor;
}

/**
 * Stores an upload as a pending attachment: the bytes are checked (size, then type from the bytes), the
 * blob written, then the row; if the row cannot be written the blob is removed again, so a refused or
 * failed upload leaves nothing behind. The message's transaction links it later (claimAttachments).
 */
export async function uploadAttachment(
  db: DB,
  ctx: RequestCtx,
  storage: BlobStorage,
  input: { name: string; bytes: Uint8Array },
  limits: AttachmentLimits = defaultLimits(),
): Promise<AttachmentView> {
  const actor = signedIn(ctx);
  if (input.bytes.length > limits.maxFileBytes) throw new AppError("INVALID_INPUT", msg("attachments.err.tooBig"), "file");
  const inspected = await inspectUpload(input.name, input.bytes);
  if (!inspected.ok) throw new AppError("INVALID_INPUT", msg(inspected.error), "file");
  const now = ctx.now();
  const pending = await db
    .selectFrom("ticket_attachments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("uploader_id", "=", actor.id)
    .where("created_at", ">", now - ORPHAN_AFTER_MS)
    .where("ticket_id", "is", null)
    .executeTakeFirstOrThrow();
  if (Number(pending.n) >= MAX_PENDING_PER_USER) throw new AppError("INVALID_INPUT", msg("attachments.err.tooManyPending"), "file");

  const key = newStorageKey();
  const { file } = inspected;
  await storage.put(key, input.bytes, file.contentType);
  try {
    const id = await transact(db, async (trx) => {
      const res = await trx
        .insertInto("ticket_attachments")
        .values({
          ticket_id: null,
          message_id: null,
          uploader_id: actor.id,
          storage_key: key,
          file_name: file.fileName,
          content_type: file.contentType,
          size: input.bytes.length,
          created_at: now,
          linked_at: null,
        })
        .executeTakeFirstOrThrow();
      const id = Number(res.insertId);
      await recordAudit(trx, ctx, {
        action: "attachment.uploaded",
        entityType: "attachment",
        entityId: id,
        after: { name: file.fileName, size: input.bytes.length, contentType: file.contentType },
      });
      return id;
    });
    return { id, name: file.fileName, size: input.bytes.length, contentType: file.contentType, inline: file.inline };
  } catch (err) {
    await storage.delete(key).catch(() => {});
    throw err;
  }
}

/**
 * Links the actor's pending uploads to a message (or, with messageId null, to the ticket's first message),
 * inside the message's transaction: if the message is not written, the files stay pending. Each id must be
 * the actor's own pending upload; the count and total size are checked against the per-message limits.
 */
export async function claimAttachments(
  trx: Tx,
  actor: Actor,
  ids: readonly number[],
  target: { ticketId: number; messageId: number | null },
  now: number,
  limits: AttachmentLimits = defaultLimits(),
): Promise<AttachmentView[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.length > limits.maxFiles) throw new AppError("INVALID_INPUT", msg("attachments.err.tooMany"), "attachmentIds");
  const rows = await forUpdate(
    trx,
    trx
      .selectFrom("ticket_attachments")
      .select(["id", "file_name", "size", "content_type"])
      .where("id", "in", unique)
      .where("uploader_id", "=", actor.id)
      .where("ticket_id", "is", null)
      .orderBy("id"),
  ).execute();
  if (rows.length !== unique.length) throw new AppError("INVALID_INPUT", msg("attachments.err.gone"), "attachmentIds");
  const total = rows.reduce((sum, r) => sum + Number(r.size), 0);
  if (total > limits.maxMessageBytes) throw new AppError("INVALID_INPUT", msg("attachments.err.messageTooBig"), "attachmentIds");
  await trx
    .updateTable("ticket_attachments")
    .set({ ticket_id: target.ticketId, message_id: target.messageId, linked_at: now })
    .where("id", "in", unique)
    .execute();
  return rows.map(toAttachmentView);
}

/** The uploader takes back a file not yet sent. */
export async function discardAttachment(db: DB, ctx: RequestCtx, storage: BlobStorage, id: number): Promise<void> {
  const actor = signedIn(ctx);
  const key = await transact(db, async (trx) => {
    const row = await forUpdate(
      trx,
      trx
        .selectFrom("ticket_attachments")
        .select(["id", "storage_key", "file_name"])
        .where("id", "=", id)
        .where("uploader_id", "=", actor.id)
        .where("ticket_id", "is", null),
    ).executeTakeFirst();
    if (!row) throw notFound();
    await trx.deleteFrom("ticket_attachments").where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: "attachment.discarded",
      entityType: "attachment",
      entityId: id,
      before: { name: row.file_name },
    });
    return row.storage_key;
  });
  await storage.delete(key);
}

/**
 * An attachment for download, if the actor may see it: a pending one only by its uploader; a linked one
 * by whoever may see the ticket, and a file on an internal note only by staff who see notes.
 */
export async function getAttachmentForDownload(db: DB, actor: Actor | null, id: number) {
  const row = await db.selectFrom("ticket_attachments").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !actor) throw notFound();
  if (row.ticket_id === null) {
    if (row.uploader_id !== actor.id) throw notFound();
    return row;
  }
  await getVisibleTicketOrThrow(db, actor, row.ticket_id);
  if (row.message_id !== null && !canSeeNotes(actor)) {
    const m = await db.selectFrom("ticket_messages").select("kind").where("id", "=", row.message_id).executeTakeFirst();
    if (!m || m.kind !== "reply") throw notFound();
  }
  return row;
}

/** A ticket's files, in upload order (the page groups them by message; null is the first message). */
export async function findTicketAttachments(db: DB, ticketId: number) {
  const rows = await db
    .selectFrom("ticket_attachments")
    .select(["id", "message_id", "file_name", "size", "content_type"])
    .where("ticket_id", "=", ticketId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ messageId: r.message_id, ...toAttachmentView(r) }));
}

/** Removes pending uploads older than ORPHAN_AFTER_MS, rows first (each only while still pending), then blobs. */
export async function sweepOrphanAttachments(db: DB, storage: BlobStorage, now: number, limit = 100): Promise<number> {
  const rows = await db
    .selectFrom("ticket_attachments")
    .select(["id", "storage_key"])
    .where("ticket_id", "is", null)
    .where("created_at", "<", now - ORPHAN_AFTER_MS)
    .orderBy("created_at")
    .limit(limit)
    .execute();
  let removed = 0;
  for (const r of rows) {
    const res = await db.deleteFrom("ticket_attachments").where("id", "=", r.id).where("ticket_id", "is", null).executeTakeFirst();
    if (Number(res.numDeletedRows) === 1) {
      await storage.delete(r.storage_key);
      removed++;
    }
  }
  return removed;
}
