import { serverApi } from "@/server/trpc/server";
import { downloadError, downloadResponse } from "@/server/privacy/download";
import { getLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** GET /api/admin/users/<id>/export: a customer's data as a JSON file, for an admin (privacy.userData). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = (await params).id;
    const userId = /^\d{1,12}$/.test(id) ? Number(id) : 0;
    const data = await (await serverApi()).privacy.userData({ userId });
    return downloadResponse(
      JSON.stringify(data, null, 2),
      `mayak-user-${data.account.id}-${data.exportedAt.slice(0, 10)}.json`,
      "application/json; charset=utf-8",
    );
  } catch (err) {
    return downloadError(err, await getLocale());
  }
}
