import { serverApi } from "@/server/trpc/server";
import { downloadError, downloadResponse } from "@/server/privacy/download";
import { getLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** GET /api/account/export: the signed-in person's own data as a JSON file (privacy.myData). */
export async function GET() {
  try {
    const data = await (await serverApi()).privacy.myData();
    return downloadResponse(
      JSON.stringify(data, null, 2),
      `mayak-my-data-${data.exportedAt.slice(0, 10)}.json`,
      "application/json; charset=utf-8",
    );
  } catch (err) {
    return downloadError(err, await getLocale());
  }
}
