// The security headers of every response, in one place. Plain JavaScript with no Node imports, so that
// next.config.ts, proxy.ts (Next's middleware) and server.mjs all read the same policies.
//
// Who sets what (README, "Security"):
// - proxy.ts gives every page that renders per request (signed-in pages, search results) a fresh nonce: it
//   puts documentPolicy({ nonce }) on the request, where Next finds it and adds the nonce to each of its
//   scripts while rendering, and on the response.
// - Pages served from Next's cache (help center, FAQ, status) cannot carry a nonce: the same bytes go to
//   everyone. server.mjs gives them documentPolicy({ hashes }) with the SHA-256 of each inline script Next
//   appended to the page (lib/response-security.mjs), computed once per distinct page.
// - Everything that is not HTML (JSON, feeds, SVG, scripts, styles) gets RESOURCE_POLICY from server.mjs.
// - next.config.ts sends securityHeaders as the fallback (plain `next start`, `next dev`): its policy allows
//   no inline script at all.

/** Every HTML page's directives besides script-src. */
const DOCUMENT_DIRECTIVES = [
  "default-src 'self'",
  // Inline styles stay allowed: React renders `style` attributes (the status page's bars, Next's route
  // announcer), which a nonce cannot cover and a hash only with 'unsafe-hashes' for each distinct value.
  // Injected CSS can restyle a page but cannot run script; script-src is what stops cross-site scripting.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
];

/**
 * The Content-Security-Policy of an HTML page.
 * - `{ nonce }`: a page rendered for this request. 'strict-dynamic' lets the scripts that carry the nonce load
 *   the rest (Next's chunks); browsers that know it ignore 'self' there, older ones fall back to it.
 * - `{ hashes }`: a cached page. Its inline scripts are allowed by their hashes ('sha256-…'), Next's script
 *   files by 'self'. With no hashes no inline script runs at all.
 * `dev` adds 'unsafe-eval', which React needs in development only.
 */
export function documentPolicy({ nonce, hashes = [], dev = false } = {}) {
  const sources = nonce ? [`'nonce-${nonce}'`, "'strict-dynamic'"] : hashes;
  const script = ["script-src 'self'", ...sources, ...(dev ? ["'unsafe-eval'"] : [])].join(" ");
  return [DOCUMENT_DIRECTIVES[0], script, ...DOCUMENT_DIRECTIVES.slice(1)].join("; ");
}

/**
 * Responses that are not HTML load nothing and run nothing: a JSON answer, a feed or the badge opened on its
 * own (or sniffed as HTML by an old browser) can neither run script nor fetch anything, nor be framed.
 */
export const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The header value of Strict-Transport-Security when the public URL is https, else undefined. */
export function strictTransportSecurity(publicUrl) {
  return /^https:\/\//i.test(publicUrl ?? "") ? "max-age=31536000; includeSubDomains" : undefined;
}

/** The public URL, as server/env.ts's appUrl() reads it: APP_URL, else NEXTAUTH_URL (empty counts as unset). */
export function publicUrlOf(env) {
  return env.APP_URL || env.NEXTAUTH_URL || "";
}

/** What every response carries besides its Content-Security-Policy. */
export const commonHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * The fallback headers next.config.ts sends with every response. server.mjs and proxy.ts replace the
 * Content-Security-Policy with the precise one; without them (plain `next start`) cached pages are shown
 * but not hydrated, since their inline scripts are refused.
 */
/** @type {{ key: string; value: string }[]} */
export const securityHeaders = [...commonHeaders, { key: "Content-Security-Policy", value: documentPolicy() }];
