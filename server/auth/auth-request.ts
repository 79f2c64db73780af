import "server-only";
import { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/safe-callback-path";

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];
const MAX_BODY_BYTES = 64 * 1024;

const refuse = (status: 400 | 405 | 413, error: string, headers?: Record<string, string>) =>
  Response.json({ error }, { status, headers: { "Cache-Control": "no-store", ...headers } });

/** What next-auth accepts as a callback URL (core/lib/assert.js); anything else makes it answer 500. */
function nextAuthAccepts(url: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * next-auth answers 500 to several malformed requests: a callbackUrl it cannot parse (query or cookie), a
 * JSON body that does not parse or holds something other than strings, a GET to the credentials callback.
 * This takes each of them first and answers 4xx with a clear message; otherwise it returns the request to
 * hand to next-auth, with callbackUrl narrowed to a path on this site (lib/safe-callback-path.ts).
 */
export async function guardAuthRequest(req: Request, origin: string): Promise<Request | Response> {
  const url = new URL(req.url);
  const action = url.pathname.split("/").slice(3);
  if (action[0] === "callback" && action[1] === "credentials" && req.method !== "POST") {
    return refuse(405, "Sign in with a POST of the sign-in form", { Allow: "POST" });
  }
  for (const name of CALLBACK_COOKIES) {
    const value = cookieValue(req.headers.get("cookie"), name);
    let decoded = value;
    try {
      decoded = value === undefined ? undefined : decodeURIComponent(value);
    } catch {
      decoded = "\u0000";
    }
    if (decoded !== undefined && !nextAuthAccepts(decoded, origin)) {
      // Cleared, so that the next attempt works.
      return refuse(400, "The sign-in return address in your cookies was malformed and has been cleared: please try again", {
        "Set-Cookie": `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`,
      });
    }
  }
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null) url.searchParams.set("callbackUrl", safeCallbackPath(callbackUrl, origin));

  let body: string | undefined;
  if (req.method === "POST" && req.body) {
    body = await req.text();
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) return refuse(413, "The request is too large");
    if ((req.headers.get("content-type") ?? "").includes("application/json")) {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return refuse(400, "The body is not valid JSON");
      }
      const fields = json && typeof json === "object" && !Array.isArray(json) ? Object.values(json) : null;
      if (!fields || fields.some((v) => typeof v !== "string")) {
        return refuse(400, "The body must be a JSON object whose values are strings");
      }
    }
  }
  return new NextRequest(url, { method: req.method, headers: req.headers, body, signal: req.signal });
}
