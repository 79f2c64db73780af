import { getAuthSecret } from "@/server/env";
import { handleRevalidateRequest } from "@/server/revalidation/handle-request";
import { revalidateAreasInRequest } from "@/server/revalidation/revalidate-public";

export const dynamic = "force-dynamic";

/** POST /api/internal/revalidate: this app's background jobs ask for public pages to be revalidated. */
export function POST(req: Request) {
  return handleRevalidateRequest(req, { authSecret: getAuthSecret, revalidate: revalidateAreasInRequest });
}
