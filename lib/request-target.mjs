// Checks the request target before Next sees it. Next's router answers a path with bad percent-encoding
// ("/%FF", "/help/%E0%A4%A", "/%") with an empty 500: it tries to render a /400 page that an App Router app
// does not have. server.mjs answers those here with a 400 that says what is wrong.

/** Why the path of `url` cannot be served (a sentence for the client), or null when it is fine. */
export function badRequestTarget(url) {
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "The address is not valid percent-encoding";
  }
  for (let i = 0; i < decoded.length; i++) {
    const code = decoded.charCodeAt(i);
    if (code <= 0x1f || code === 0x7f) return "The address holds a control character";
  }
  return null;
}

/** The 400 answer: JSON under /api/, plain text elsewhere. */
export function badRequestAnswer(url, reason) {
  const api = url.startsWith("/api/");
  return {
    status: 400,
    headers: { "Content-Type": api ? "application/json" : "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    body: api ? JSON.stringify({ error: reason }) : `Bad request: ${reason}.\n`,
  };
}
