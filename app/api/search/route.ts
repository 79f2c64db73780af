import { searchHttp } from "@/server/kb/search-http";

export const dynamic = "force-dynamic";

/**
 * GET /api/search, when Next serves it: under `next dev`, and in production only until the app has started
 * (server.mjs then answers it itself with the same function, outside Next's router).
 */
export async function GET(req: Request) {
  const answer = await searchHttp(req.url, req.headers);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
