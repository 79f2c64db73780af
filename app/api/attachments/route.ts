import { getRequestCtx } from "@/server/auth/session";
import { appAttachmentDeps, handleUpload } from "@/server/attachments/http";
import { getLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** POST /api/attachments?name=…: the file as the body; answers the pending attachment (server/attachments/http.ts). */
export async function POST(req: Request) {
  const [ctx, locale] = await Promise.all([getRequestCtx(), getLocale()]);
  return handleUpload(req, appAttachmentDeps(ctx, locale));
}
