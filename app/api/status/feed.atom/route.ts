import { feedResponse, langOf } from "../respond";

export const dynamic = "force-dynamic";

/** Incidents and maintenance as ATOM: `GET /api/status/feed.atom[?lang=ru]`. */
export function GET(req: Request) {
  return feedResponse("atom", langOf(req), req);
}
