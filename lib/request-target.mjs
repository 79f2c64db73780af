// Checks the request target before Next sees it. Next's router answers a path with bad percent-encoding
// ("/%FF", "/help/%E0%A4%A", "/%") with an empty 500: it tries to render a /400 page that an App Router app
// does not have. server.mjs answers those here with a 400 that says what is wrong. A path segment longer
// than a file name can be is refused too: Next would try to cache the page under that name.

const MAX_PATH = 2048;
const MAX_SEGMENT = 255;

/** Why the path of `url` cannot be served (a sentence for the client, and the status), or null when it is fine. */
export function badRequestTarget(url) {
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  if (path.length > MAX_PATH || path.split("/").some((segment) => segment.length > MAX_SEGMENT)) {
    return { status: 414, reason: "The address is too long" };
  }
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { status: 400, reason: "The address is not valid percent-encoding" };
  }
  for (let i = 0; i < decoded.length; i++) {
    const code = decoded.charCodeAt(i);
    if (code <= 0x1f || code === 0x7f) return { status: 400, reason: "The address holds a control character" };
  }
  return null;
}

/** The answer to a bad target: JSON under /api/, plain text elsewhere. */
export function badRequestAnswer(url, { status, reason }) {
  const api = url.startsWith("/api/");
  return {
    status,
    headers: { "Content-Type": api ? "application/json" : "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    body: api ? JSON.stringify({ error: reason }) : `Bad request: ${reason}.\n`,
  };
}
