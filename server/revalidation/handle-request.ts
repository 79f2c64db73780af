import "server-only";
import { ZRevalidationAreas, type RevalidationAreas } from "./areas";
import { isRevalidationAuthorized } from "./token";

export const MAX_BODY_BYTES = 4096;

const headers = { "Cache-Control": "no-store" };

/**
 * POST /api/internal/revalidate, called by this app's own background jobs (they run outside any request,
 * where Next cannot revalidate). Without the right token the answer is a plain 404, whatever the body:
 * an outsider learns nothing about the expected input. With it, a bad body is a 400 naming the problem.
 */
export async function handleRevalidateRequest(
  req: Request,
  deps: { authSecret: () => string; revalidate: (areas: RevalidationAreas) => void },
): Promise<Response> {
  if (!isRevalidationAuthorized(req.headers.get("authorization"), deps.authSecret())) {
    return Response.json({ error: "Not found" }, { status: 404, headers });
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return Response.json({ error: "Body too large" }, { status: 413, headers });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return Response.json({ error: "Body must be JSON" }, { status: 400, headers });
  }
  const parsed = ZRevalidationAreas.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
    return Response.json({ error: "Invalid body", issues }, { status: 400, headers });
  }
  deps.revalidate(parsed.data);
  return Response.json({ revalidated: parsed.data }, { headers });
}
