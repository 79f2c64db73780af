import { feedResponse, langOf } from "../respond";

export const dynamic = "force-dynamic";

/** Incidents and maintenance as RSS: `GET /api/status/feed.rss[?lang=ru]`. */
export function GET(req: Request) {
  return feedResponse("rss", langOf(req), req);
}
