import { NextResponse, type NextRequest } from "next/server";
import { documentPolicy } from "./lib/security-headers.mjs";

const LOCALE_COOKIE = "mayak-locale";
const VISITOR_COOKIE = "mayak-vid";
// Public, cacheable pages: their language is in the URL (/help is English, /ru/help Russian).
const PUBLIC = /^\/(help|faq|contact|status)(\/|$)/;
// The public pages that render per request; the rest of PUBLIC is served from Next's cache.
const PUBLIC_DYNAMIC = /^\/(help\/search|status\/history)(\/|$)/;
const DEV = process.env.NODE_ENV === "development";

/** 128 random bits, base64: a new one for every page rendered per request. */
function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

function preferred(req: NextRequest): "en" | "ru" {
  const c = req.cookies.get(LOCALE_COOKIE)?.value;
  if (c === "en" || c === "ru") return c;
  return /^\s*ru\b/i.test(req.headers.get("accept-language") ?? "") ? "ru" : "en";
}

/**
 * Puts the language into the route: /ru/… stays Russian, /help… and /faq… are English, every other page
 * follows the reader's choice (cookie, then the browser). Pages see it as the [locale] segment.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  let res: NextResponse;

  if (pathname === "/en" || pathname.startsWith("/en/")) {
    // One canonical URL per page: English has no prefix.
    res = NextResponse.redirect(new URL((pathname.slice(3) || "/") + search, req.url), 308);
  } else if ((pathname === "/help" || pathname === "/faq") && preferred(req) === "ru" && req.cookies.has(LOCALE_COOKIE)) {
    res = NextResponse.redirect(new URL(`/ru${pathname}${search}`, req.url), 307);
  } else {
    const explicitRu = pathname === "/ru" || pathname.startsWith("/ru/");
    const locale = explicitRu ? "ru" : PUBLIC.test(pathname) ? "en" : preferred(req);
    const rest = explicitRu ? pathname.slice(3) || "/" : pathname;
    const headers = new Headers(req.headers);
    headers.set("x-mayak-path", pathname + search);
    headers.set("x-mayak-locale", locale);
    // A page rendered for this request gets a nonce: Next reads it from the request's policy and puts it on its
    // scripts. A cached page must not: the nonce would be kept in the cached HTML, and that page is sent with
    // the hashes of its scripts instead (server.mjs). In development every page renders per request.
    // A policy the client sent along is never what Next reads.
    headers.delete("content-security-policy");
    headers.delete("content-security-policy-report-only");
    const policy = DEV || !PUBLIC.test(rest) || PUBLIC_DYNAMIC.test(rest) ? documentPolicy({ nonce: newNonce(), dev: DEV }) : undefined;
    if (policy) headers.set("content-security-policy", policy);
    const target = new URL(`/${locale}${rest === "/" ? "" : rest}${search}`, req.url);
    res = NextResponse.rewrite(target, { request: { headers } });
    if (policy) res.headers.set("Content-Security-Policy", policy);
  }

  if (!req.cookies.has(VISITOR_COOKIE)) {
    res.cookies.set(VISITOR_COOKIE, crypto.randomUUID(), { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true });
  }
  return res;
}

// Everything but the API, Next's own files and files with an extension (icon.svg, robots.txt, sitemap.xml).
export const config = { matcher: ["/((?!api/|_next/|.*\\..*).*)"] };
