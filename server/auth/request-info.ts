import "server-only";
import { CLIENT_IP_HEADER, isClientIpStamped } from "@/lib/client-ip.mjs";

let warned = false;

/**
 * The client's address, for the audit trail and the rate limits. Only the production server (server.mjs)
 * sees the socket: it decides the address from the socket and TRUSTED_PROXIES (lib/client-ip.mjs) and hands
 * it over in CLIENT_IP_HEADER, after removing any copy a client sent. Under `next dev` or `next start` the
 * app cannot see the socket and every header is the client's to choose, so every request counts as
 * "unknown": rate limits are shared by all clients and the audit trail records no address.
 */
export function clientIp(headers: Headers): string {
  if (!isClientIpStamped()) {
    if (!warned && process.env.NODE_ENV === "production") {
      warned = true;
      console.warn(
        "[mayak] client addresses are unknown: serve the app with `npm start` (server.mjs) to record them and rate-limit per address",
      );
    }
    return "unknown";
  }
  return (headers.get(CLIENT_IP_HEADER) ?? "unknown").slice(0, 64);
}
