import "server-only";
import type { DB } from "../db";
import type { Locale } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { assertCan } from "../components/access";
import { AppError } from "../errors";
import { formatDateTime, msg, translate } from "@/lib/i18n";
import { ZId } from "../components/schemas";
import { renderMarkdown } from "../kb/markdown";
import { ZPreviewPostmortem, ZSavePostmortem, type TPreviewPostmortem, type TSavePostmortem } from "./schemas";
import { lockIncidentOrThrow } from "./store";
import { transact } from "../db/transact";

const SECTIONS = ["summary", "timeline", "rootCause", "wentWell", "actionItems"] as const;

/** The starting Markdown, in the author's language; the timeline section lists the incident's updates. */
export function postmortemTemplate(locale: Locale, updates: { createdAt: number; status: string; body: string }[] = []): string {
  const t = (k: string, v?: Record<string, string>) => translate(locale, k, v);
  return SECTIONS.map((s) => {
    const heading = `## ${t(`incidents.pm.${s}`)}\n\n`;
    if (s !== "timeline" || updates.length === 0) return `${heading}${t(`incidents.pm.${s}.hint`)}\n`;
    const lines = updates.map(
      (u) => `- ${formatDateTime(locale, u.createdAt)} — ${t(`incidents.status.${u.status}`)}: ${u.body.split("\n")[0]}`,
    );
    return `${heading}${lines.join("\n")}\n`;
  }).join("\n");
}

export async function savePostmortem(db: DB, ctx: RequestCtx, raw: TSavePostmortem): Promise<void> {
  assertCan(ctx, "incident.manage");
  const input = ZSavePostmortem.parse(raw);
  await transact(db, async (trx) => {
    const inc = await lockIncidentOrThrow(trx, input.incidentId);
    const body = input.body.trim() === "" ? null : input.body;
    if (body === inc.postmortem) return;
    // A published postmortem that is emptied is no longer published.
    const publishedAt = body === null ? null : inc.postmortem_published_at;
    await trx
      .updateTable("incidents")
      .set({ postmortem: body, postmortem_published_at: publishedAt, updated_at: ctx.now() })
      .where("id", "=", inc.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: "incident.postmortem_saved",
      entityType: "incident",
      entityId: inc.id,
      before: { length: inc.postmortem?.length ?? 0, published: inc.postmortem_published_at !== null },
      after: { length: body?.length ?? 0, published: publishedAt !== null },
    });
  });
}

export async function setPostmortemPublished(db: DB, ctx: RequestCtx, rawId: number, published: boolean): Promise<void> {
  assertCan(ctx, "incident.manage");
  const id = ZId.parse(rawId);
  await transact(db, async (trx) => {
    const inc = await lockIncidentOrThrow(trx, id);
    if (published && !inc.postmortem?.trim()) throw new AppError("INVALID_INPUT", msg("incidents.err.postmortemEmpty"), "body");
    if (published === (inc.postmortem_published_at !== null)) return;
    const at = published ? ctx.now() : null;
    await trx.updateTable("incidents").set({ postmortem_published_at: at, updated_at: ctx.now() }).where("id", "=", inc.id).execute();
    await recordAudit(trx, ctx, {
      action: published ? "incident.postmortem_published" : "incident.postmortem_unpublished",
      entityType: "incident",
      entityId: inc.id,
      before: { publishedAt: inc.postmortem_published_at },
      after: { publishedAt: at },
    });
  });
}

/** A draft rendered and sanitised exactly as the public incident page will show it, in the author's language. */
export function previewPostmortem(ctx: RequestCtx, raw: TPreviewPostmortem, locale: Locale): { html: string } {
  assertCan(ctx, "incident.manage");
  const input = ZPreviewPostmortem.parse(raw);
  return { html: renderMarkdown(input.body, { linkPrefix: locale === "ru" ? "/ru" : undefined }).html };
}
