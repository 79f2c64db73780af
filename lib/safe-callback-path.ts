import { hasControlChar } from "./control-chars";

/**
 * Where to send someone back to after signing in or switching the language: a path on this site, or
 * `fallback`. `raw` may be a relative path ("/tickets/7?tab=1#m3") or an absolute URL on `origin`; the
 * answer is always a path that begins with exactly one "/", so a browser can only resolve it on this site.
 *
 * Refused, whatever URL parsing makes of them: anything with a backslash or a control character (browsers
 * read "\" as "/" and drop tabs and newlines, so "/\evil" and "/\t/evil" become "//evil"), protocol-relative
 * "//host", other schemes ("javascript:", "https:evil"), userinfo tricks ("http://site@evil"), and paths
 * whose decoded form would start with "//" or hold a backslash ("/%2F%2Fevil", "/%5Cevil"), in case
 * something on the way decodes them.
 */
export function safeCallbackPath(raw: unknown, origin: string, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  if (raw.includes("\\") || hasControlChar(raw, { c1: true })) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  // Relative input must be a path: "//evil" and "https:evil" are not.
  if (!raw.startsWith("/") && !/^https?:\/\//i.test(raw)) return fallback;
  if (raw.startsWith("//")) return fallback;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can turn "/.//evil" into "//evil": check what parsing produced, raw and decoded.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (decoded.startsWith("//") || decoded.includes("\\") || hasControlChar(decoded, { c1: true })) return fallback;
  return path;
}
