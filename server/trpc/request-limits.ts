import "server-only";

/** Calls in one tRPC batch: the app's own client sends at most this many (lib/trpc/client.tsx, maxItems). */
export const MAX_BATCH_CALLS = 20;
/** Bytes in one tRPC request body: the largest form (an article of 100,000 characters, Cyrillic, escaped) fits. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** An error as a tRPC client reads it (message, data.code, data.httpStatus). */
function refuse(httpStatus: 400 | 413, code: "BAD_REQUEST" | "PAYLOAD_TOO_LARGE", message: string): Response {
  const jsonRpcCode = code === "PAYLOAD_TOO_LARGE" ? -32413 : -32600;
  return Response.json({ error: { message, code: jsonRpcCode, data: { code, httpStatus } } }, { status: httpStatus });
}

const tooLarge = () => refuse(413, "PAYLOAD_TOO_LARGE", `The request is too large: at most ${MAX_BODY_BYTES / (1024 * 1024)} MB.`);

/**
 * What /api/trpc refuses before tRPC reads anything: a batch of more than MAX_BATCH_CALLS calls (400) and
 * a body over MAX_BODY_BYTES (413, whether or not Content-Length says so). Otherwise the request to hand
 * to tRPC, its body read once and kept.
 */
export async function limitTrpcRequest(req: Request): Promise<Request | Response> {
  const { pathname } = new URL(req.url);
  const calls = pathname.slice(pathname.lastIndexOf("/") + 1).split(",").length;
  if (calls > MAX_BATCH_CALLS) {
    return refuse(400, "BAD_REQUEST", `A batch may hold at most ${MAX_BATCH_CALLS} calls; this one has ${calls}.`);
  }
  if (!req.body) return req;
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks), signal: req.signal });
}
