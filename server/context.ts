import "server-only";
import type { Locale, Role } from "./db/schema";

/** Who is acting. Built from the session on every request, re-read from the database. */
export interface Actor {
  id: number;
  role: Role;
  email: string;
  name: string;
  locale: Locale;
}

/** What a domain function knows about the request: never taken from input. */
export interface RequestCtx {
  actor: Actor | null;
  ip: string;
  userAgent: string;
  now: () => number;
  /** A random id kept in a cookie, for search and deflection analytics; never tied to an account. */
  visitor?: string;
  /** The signed-in browser's session (server/sessions): "this device" in the session list. */
  sessionId?: string;
}

export function systemCtx(now: () => number = Date.now): RequestCtx {
  return { actor: null, ip: "system", userAgent: "mayak", now };
}
