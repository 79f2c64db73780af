// How server.mjs has Next render a page for the page cache: an HTTP request over loopback, to itself or to its
// render process (lib/page-cache-renderer.mjs), without cookies, marked with the server's render token (so
// server.mjs passes it to Next, not to the cache) and, where Next keeps its own copy of the page (ISR), with the
// build's preview id, which makes Next render the page afresh rather than answer from that copy.
import http from "node:http";

/** Where server.mjs hands the cache to the app: `globalThis[PAGE_CACHE_KEY].invalidate(area)`. */
export const PAGE_CACHE_KEY = Symbol.for("mayak.pageCache");

/** A loopback address the server listens on. */
export function loopbackOf(server) {
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("the server is not listening");
  const host = addr.address === "::" || addr.address === "0.0.0.0" ? "127.0.0.1" : addr.address;
  return { host, port: addr.port };
}

/** The header of a render request naming the last change to the status area heard (lib/page-cache-histories.mjs). */
export const STATUS_GENERATION_HEADER = "x-mayak-status-generation";

/**
 * Renders `target` through the server at `address`: resolves with the complete answer (status, headers, body)
 * only when the whole body arrived; a reset or a timeout rejects.
 * @param {{ host: string, port: number }} address
 * @param {{ path: string, accept?: string, html: boolean, route?: string, locale?: string }} target
 * @param {{ token: string, previewModeId?: string, timeoutMs?: number, statusGeneration?: number }} opts
 * @returns {Promise<{ status: number, headers: import("node:http").IncomingHttpHeaders, body: Buffer }>}
 */
export function renderThroughServer({ host, port }, target, { token, previewModeId, timeoutMs = 30_000, statusGeneration }) {
  return new Promise((resolve, reject) => {
    /** @type {Record<string, string>} */
    const headers = {
      "x-mayak-page-render": token,
      accept: target.accept ?? (target.html ? "text/html" : "*/*"),
      "accept-encoding": "identity",
      "user-agent": "Mayak page cache",
    };
    if (statusGeneration !== undefined) headers[STATUS_GENERATION_HEADER] = String(statusGeneration);
    let path = target.path;
    if (target.route && previewModeId) {
      // Next skips the proxy (middleware) for an on-demand revalidation: ask for the route it would have
      // rewritten to, with the headers it would have set.
      path = target.route;
      headers["x-prerender-revalidate"] = previewModeId;
      headers["x-mayak-path"] = target.path;
      headers["x-mayak-locale"] = target.locale ?? "en";
    }
    const req = http.request({ host, port, path, method: "GET", headers, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        if (!res.complete) reject(new Error(`the answer for ${target.path} was cut short`));
        else resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
      res.on("aborted", () => reject(new Error(`the answer for ${target.path} was cut short`)));
    });
    req.on("timeout", () => req.destroy(new Error(`rendering ${target.path} took longer than ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}
