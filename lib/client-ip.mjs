// The client's address, decided once, by the production server (server.mjs), which is the only part of the
// app that sees the socket. Plain JavaScript so that server.mjs can use it before Next loads; the app's
// configuration (server/env.ts) validates TRUSTED_PROXIES with the same parser.
import { BlockList, isIP } from "node:net";

/** The request header that carries the address server.mjs decided; any copy sent by a client is removed first. */
export const CLIENT_IP_HEADER = "x-mayak-client-ip";

// Set by server.mjs: only then does the app believe CLIENT_IP_HEADER.
const STAMPED = Symbol.for("mayak.clientIpStamped");

// A forwarded chain longer than this is cut: no real deployment has more proxies.
const MAX_HOPS = 32;

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is 10.0.0.1; anything else is kept as it is. */
export function normalizeIp(raw) {
  const ip = String(raw ?? "").trim();
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return m ? m[1] : ip.toLowerCase();
}

/**
 * TRUSTED_PROXIES: addresses and CIDR ranges, IPv4 or IPv6, separated by commas or spaces
 * ("10.0.0.0/8, 127.0.0.1, ::1, fd00::/8"). Returns the normalized entries and a BlockList of them;
 * throws an Error naming the first entry that is not an address or a range.
 */
export function parseTrustedProxies(text) {
  const entries = String(text ?? "")
    .split(/[\s,]+/)
    .filter(Boolean);
  const list = new BlockList();
  const normalized = [];
  for (const entry of entries) {
    const slash = entry.indexOf("/");
    const address = normalizeIp(slash < 0 ? entry : entry.slice(0, slash));
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefixText = slash < 0 ? String(max) : entry.slice(slash + 1);
    const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!family || !(prefix >= 0 && prefix <= max)) {
      throw new Error(`"${entry}" is not an IP address or a CIDR range (such as 10.0.0.0/8 or fd00::/8)`);
    }
    list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
    normalized.push(`${address}/${prefix}`);
  }
  return { entries: normalized, list };
}

/** True when `ip` is one of the trusted proxies. */
export function isTrustedProxy(trusted, ip) {
  const family = isIP(ip);
  if (!family || trusted.entries.length === 0) return false;
  return trusted.list.check(ip, family === 4 ? "ipv4" : "ipv6");
}

/** One X-Forwarded-For entry as an address: "1.2.3.4", "1.2.3.4:5678", "[::1]:80" and "::1" are all read; anything else is null. */
function forwardedEntry(raw) {
  let s = raw.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracket) s = bracket[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  const ip = normalizeIp(s);
  return isIP(ip) ? ip : null;
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then X-Forwarded-For is
 * walked from the right, each entry believed only while the hop that added it is trusted. The first
 * address that is not a trusted proxy is the client. A malformed entry stops the walk at the last
 * address that was read from a trusted hop.
 */
export function resolveClientIp(remoteAddress, forwardedFor, trusted) {
  let ip = normalizeIp(remoteAddress);
  if (!isIP(ip)) return "unknown";
  if (!isTrustedProxy(trusted, ip) || !forwardedFor) return ip;
  const chain = String(forwardedFor).split(",").slice(-MAX_HOPS);
  while (chain.length > 0 && isTrustedProxy(trusted, ip)) {
    const next = forwardedEntry(chain.pop());
    if (!next) break;
    ip = next;
  }
  return ip;
}

/**
 * For server.mjs, on every request before anything else reads it: removes any client-sent copy of
 * CLIENT_IP_HEADER and sets it to the address decided from the socket and TRUSTED_PROXIES.
 */
export function stampClientIp(req, trusted) {
  const forwarded = req.headers["x-forwarded-for"];
  const chain = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
  req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.socket?.remoteAddress, chain, trusted);
  return req.headers[CLIENT_IP_HEADER];
}

/** server.mjs says, before Next loads, that every request it hands over carries CLIENT_IP_HEADER. */
export function markClientIpStamped() {
  globalThis[STAMPED] = true;
}

/** True when the app runs under server.mjs, so CLIENT_IP_HEADER was set by it and not by a client. */
export function isClientIpStamped() {
  return globalThis[STAMPED] === true;
}
