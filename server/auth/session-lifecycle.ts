import "server-only";
import { headers } from "next/headers";
import { getDb } from "../db";
import { sessionSettings } from "../env";
import { startSession } from "../sessions/start-session";
import { endSession } from "../sessions/revoke-sessions";
import { clientIp } from "./request-info";
import { getRequestCtx } from "./session";

/** For next-auth's jwt callback at sign-in: opens the session row for this browser and returns its id for the token. */
export async function openSignInSession(userId: number): Promise<string> {
  // Outside a request (next-auth's handler called directly, as tests do) there are no headers to read.
  let h: Headers | null = null;
  try {
    h = await headers();
  } catch {
    h = null;
  }
  const { idleMs, maxAgeMs } = sessionSettings();
  return startSession(
    getDb(),
    { userId, ip: h ? clientIp(h) : "unknown", userAgent: h?.get("user-agent") ?? "", now: Date.now() },
    { idleMs, maxAgeMs },
  );
}

/** For next-auth's signOut event: the browser's session row ends with it. */
export async function closeSignOutSession(token: Record<string, unknown> | null | undefined): Promise<void> {
  const uid = token?.uid;
  const sid = token?.sid;
  if (typeof uid !== "number" || typeof sid !== "string") return;
  await endSession(getDb(), await getRequestCtx(), { uid, sid });
}
