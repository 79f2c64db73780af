// Which requests the page cache (lib/page-cache.mjs) answers, and under which key. Plain JavaScript with no
// Node imports beyond what server.mjs already loads, so the rules read the same in tests and in production.
//
// Cached: what anonymous visitors read most, identical for all of them.
// - area "status": /status and /ru/status, incident pages, /api/status, the badge, the feeds.
// - area "help": the help center's front page, its categories, published articles, and the FAQ.
// Never cached: anything but GET and HEAD, any request carrying a session cookie (staff see drafts and their
// own header through Next), an address with a query the page does not take, the help center's search.

/** next-auth's session cookie, plain or __Secure-, whole or in chunks (.0, .1 …). */
const SESSION_COOKIE = /(?:^|;)\s*(?:__Secure-|__Host-)?next-auth\.session-token(?:\.\d+)?=/;
/** The reader's language choice: on /help and /faq it may redirect to /ru/… (proxy.ts), so those go to Next. */
const RU_CHOICE = /(?:^|;)\s*mayak-locale=ru(?:;|$)/;

const STATUS_PAGE = /^(?:\/ru)?\/status(?:\/incidents\/[1-9]\d{0,8})?$/;
const STATUS_FEED = /^(?:\/ru)?\/status\/feed\.(?:rss|atom)$/;
const API_STATUS = /^\/api\/status$/;
const API_LATENCY = /^\/api\/status\/latency$/;
const API_FEED = /^\/api\/status\/feed\.(?:rss|atom)$/;
const API_BADGE = /^\/api\/status\/badge\.svg$/;
const HELP_PAGE = /^(?:\/ru)?\/(?:faq|help(?:\/articles\/[a-z0-9][a-z0-9-]{0,149}|\/[a-z0-9][a-z0-9-]{0,99})?)$/;
const HELP_DYNAMIC = /^(?:\/ru)?\/help\/search$/;
const LANG_QUERY = /^lang=(?:en|ru)$/;
const BADGE_QUERY = /^component=[a-z0-9-]{1,64}$/i;

/**
 * @typedef {{ key: string, area: "status" | "help", path: string, accept?: string, html: boolean, locale?: "en" | "ru", route?: string }} PageTarget
 * `path` is the address asked for; `accept` the Accept header the cache sends Next (a feed's page for
 * browsers). Pages also name their language and their route in the app (/en/status for /status): the cache
 * asks Next for the route itself, as proxy.ts would have rewritten it.
 */

/**
 * The cached page a request asks for, or null when Next must answer it.
 * @param {string | undefined} method
 * @param {string} url the request target, path and query
 * @param {{ cookie?: string, accept?: string }} headers
 * @returns {PageTarget | null}
 */
export function pageTarget(method, url, headers) {
  if (method !== "GET" && method !== "HEAD") return null;
  const cookie = headers.cookie;
  if (cookie && SESSION_COOKIE.test(cookie)) return null;
  // The hit path: an address answered from memory before gets the same target, without parsing it again.
  const target = knownTargets.get(url) ?? parseTarget(url, headers);
  if (target === null) return null;
  // The reader chose Russian: /help and /faq may redirect there (proxy.ts).
  if (cookie && target.area === "help" && (target.path === "/help" || target.path === "/faq") && RU_CHOICE.test(cookie)) return null;
  return target;
}

/** The targets of the addresses cached lately, by address (a feed's depends on Accept: not kept here). */
const knownTargets = new Map();
/** Forgotten all at once beyond this many addresses (whoever asks for many addresses gains nothing by it). */
const MAX_KNOWN = 1000;

/** @param {string} url @param {{ accept?: string }} headers @returns {PageTarget | null} */
function parseTarget(url, headers) {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? "" : url.slice(q + 1);
  if (path.length > 200) return null;

  if (STATUS_FEED.test(path) || API_FEED.test(path)) {
    if (query && !LANG_QUERY.test(query)) return null;
    const html = wantsHtml(headers.accept);
    const key = `${url}${html ? " html" : ""}`;
    return { key, area: "status", path: url, accept: html ? "text/html" : "application/xml", html };
  }
  let target = null;
  if (STATUS_PAGE.test(path) || (HELP_PAGE.test(path) && !HELP_DYNAMIC.test(path))) {
    if (query) return null;
    const area = path.includes("/status") ? "status" : "help";
    const ru = path.startsWith("/ru/");
    target = { key: path, area, path, html: true, locale: ru ? "ru" : "en", route: ru ? path : `/en${path}` };
  } else if (API_STATUS.test(path)) {
    if (query && !LANG_QUERY.test(query)) return null;
    target = { key: url, area: "status", path: url, html: false };
  } else if (API_LATENCY.test(path)) {
    if (query) return null;
    target = { key: path, area: "status", path, html: false };
  } else if (API_BADGE.test(path)) {
    if (query && !BADGE_QUERY.test(query)) return null;
    target = { key: url.toLowerCase(), area: "status", path: url.toLowerCase(), html: false };
  }
  if (target) {
    if (knownTargets.size >= MAX_KNOWN) knownTargets.clear();
    knownTargets.set(url, Object.freeze(target));
  }
  return target;
}

/** The quality a media range gets in an Accept header (0 when absent). */
function quality(accept, type) {
  let best = 0;
  for (const part of accept.split(",")) {
    const [range, ...params] = part.trim().split(";");
    if (range.trim().toLowerCase() !== type) continue;
    let qv = 1;
    for (const p of params) {
      const [k, v] = p.split("=");
      if (k.trim() === "q") qv = Number(v);
    }
    if (Number.isFinite(qv)) best = Math.max(best, qv);
  }
  return best;
}

/**
 * Whether a feed's address was opened by a browser (a page that explains the feed) rather than a feed reader
 * (the feed). Browsers name text/html first; readers name the feed types or accept anything.
 * @param {string | undefined} accept
 */
export function wantsHtml(accept) {
  if (!accept) return false;
  const html = quality(accept, "text/html");
  if (html === 0) return false;
  const feed = Math.max(
    quality(accept, "application/rss+xml"),
    quality(accept, "application/atom+xml"),
    quality(accept, "application/xml"),
    quality(accept, "text/xml"),
  );
  return html > feed;
}

/**
 * The encoding to send, of those kept: brotli, then gzip, then none, as the client accepts them.
 * @param {string | undefined} header Accept-Encoding
 * @returns {"br" | "gzip" | "identity"}
 */
export function pickEncoding(header) {
  if (!header) return "identity";
  if (!header.includes("q=")) {
    if (header.includes("br")) return "br";
    return header.includes("gzip") ? "gzip" : "identity";
  }
  let br = 0;
  let gzip = 0;
  let star = -1;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().split(";");
    let qv = 1;
    for (const p of params) {
      const [k, v] = p.split("=");
      if (k.trim() === "q") qv = Number(v) || 0;
    }
    const n = name.trim().toLowerCase();
    if (n === "br") br = qv;
    else if (n === "gzip") gzip = qv;
    else if (n === "*") star = qv;
  }
  if (star >= 0) {
    if (!/\bbr\b/.test(header)) br = star;
    if (!/\bgzip\b/.test(header)) gzip = star;
  }
  if (br > 0 && br >= gzip) return "br";
  return gzip > 0 ? "gzip" : "identity";
}

/**
 * Whether an If-None-Match header names one of the entry's tags (any of its encodings: they are the same
 * content). Weak comparison, as RFC 9110 asks for If-None-Match.
 * @param {string} header
 * @param {string} base the tag without its quotes and encoding suffix
 */
export function etagMatches(header, base) {
  if (header.trim() === "*") return true;
  for (const raw of header.split(",")) {
    let tag = raw.trim();
    if (tag.startsWith("W/")) tag = tag.slice(2);
    if (tag.length < 2 || tag[0] !== '"') continue;
    const inner = tag.slice(1, -1);
    if (inner === base || inner === `${base}-br` || inner === `${base}-gz`) return true;
  }
  return false;
}
