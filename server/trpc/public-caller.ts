import "server-only";
import { getDb } from "../db";
import { appUrl } from "../env";
import { createCaller } from "./root";

type Caller = ReturnType<typeof createCaller>;
let caller: Caller | undefined;

/**
 * The API for the cached public pages (help center, FAQ, status) and the public route handlers: the same
 * procedures and checks as every other caller, as an anonymous visitor. It reads no request headers or
 * cookies (that would make a cached page dynamic), so one caller serves the whole process. Procedures that
 * need the visitor (address for rate limits, session, analytics cookie) go through serverApi() instead.
 */
export function publicApi(): Caller {
  caller ??= createCaller({ actor: null, ip: "public", userAgent: "", now: Date.now, db: getDb(), appUrl: appUrl(), locale: "en" });
  return caller;
}
