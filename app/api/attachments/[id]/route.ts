import { getRequestCtx } from "@/server/auth/session";
import { appAttachmentDeps, handleDownload } from "@/server/attachments/http";
import { getLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** GET /api/attachments/{id}: the file, to whoever may see its ticket (server/attachments/http.ts). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const [ctx, locale, { id }] = await Promise.all([getRequestCtx(), getLocale(), params]);
  return handleDownload(id, appAttachmentDeps(ctx, locale));
}
