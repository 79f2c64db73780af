import "server-only";
import net from "node:net";

/**
 * Where Mayak may send requests that someone outside the company chose the destination of (webhooks).
 * Pure rules, no I/O: the safe fetch asks them about the URL and then about every address the host
 * name resolves to, before connecting.
 *
 * Three classes of address:
 * - `public`: anything routable on the internet.
 * - `private`: loopback, RFC 1918, shared (CGNAT), link-local, benchmarking, unique-local IPv6. Refused
 *   unless the admin allows private addresses (self-hosters with internal receivers, and the tests).
 * - `forbidden`: never useful as a webhook and dangerous: unspecified (0.0.0.0 reaches this host),
 *   cloud metadata endpoints, multicast, broadcast, reserved, documentation, NAT64 and other
 *   translation prefixes (they smuggle an IPv4 address into IPv6). Refused whatever the configuration.
 */
export type AddressClass = "public" | "private" | "forbidden";

export interface OutboundPolicy {
  /** Plain http:// besides https:// (admin setting; off by default). */
  allowHttp: boolean;
  /** Private addresses: `true` all of them, a list of CIDR ranges only those, `false` none. */
  allowPrivate: boolean | readonly string[];
}

export const STRICT_POLICY: OutboundPolicy = { allowHttp: false, allowPrivate: false };

interface Ip {
  family: 4 | 6;
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint;
}

interface Range {
  family: 4 | 6;
  base: bigint;
  bits: number;
}

/** Parses a textual IPv4 or IPv6 address (an IPv6 zone such as `%eth0` is ignored); null if it is not one. */
export function parseIp(text: string): Ip | null {
  const s = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const bare = s.split("%")[0];
  const family = net.isIP(bare);
  if (family === 4) return { family: 4, value: v4Value(bare) };
  if (family === 6) return { family: 6, value: v6Value(bare) };
  return null;
}

function v4Value(s: string): bigint {
  return s.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6Value(s: string): bigint {
  let text = s.toLowerCase();
  // A trailing dotted quad (::ffff:1.2.3.4) is two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const v = v4Value(quad[1]);
    text = `${text.slice(0, -quad[1].length)}${(v >> 16n).toString(16)}:${(v & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a single address (a /32 or /128). Throws a readable error. */
export function parseCidr(text: string): Range {
  const [addr, bitsText, extra] = text.trim().split("/");
  const ip = parseIp(addr);
  const max = ip?.family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (!ip || extra !== undefined || !/^\d{1,3}$/.test(bitsText ?? String(max)) || bits > max) {
    throw new Error(`"${text.trim()}" is not an IP address or CIDR range`);
  }
  const shift = BigInt(max - bits);
  return { family: ip.family, base: (ip.value >> shift) << shift, bits };
}

function inRange(ip: Ip, r: Range): boolean {
  if (ip.family !== r.family) return false;
  const shift = BigInt((r.family === 4 ? 32 : 128) - r.bits);
  return ip.value >> shift === r.base >> shift;
}

const ranges = (list: string[]) => list.map(parseCidr);

const V4_FORBIDDEN = ranges([
  "0.0.0.0/8", // "this network": 0.0.0.0 connects to the local host
  "169.254.169.254/32", // cloud metadata (AWS, GCP, Azure, OpenStack, Oracle)
  "100.100.100.200/32", // cloud metadata (Alibaba)
  "192.0.0.0/24", // IETF protocol assignments
  "192.0.2.0/24", // documentation (TEST-NET-1)
  "192.88.99.0/24", // 6to4 relay anycast (deprecated)
  "198.51.100.0/24", // documentation (TEST-NET-2)
  "203.0.113.0/24", // documentation (TEST-NET-3)
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, and 255.255.255.255 broadcast
]);

const V4_PRIVATE = ranges([
  "10.0.0.0/8",
  "100.64.0.0/10", // shared address space (carrier-grade NAT)
  "127.0.0.0/8", // loopback
  "169.254.0.0/16", // link-local
  "172.16.0.0/12",
  "192.168.0.0/16",
  "198.18.0.0/15", // benchmarking
]);

const V6_FORBIDDEN = ranges([
  "::/96", // unspecified (::) and the deprecated IPv4-compatible addresses (::127.0.0.1); ::1 is decided first
  "::ffff:0:0:0/96", // IPv4-translated (SIIT)
  "64:ff9b::/96", // NAT64 well-known prefix
  "64:ff9b:1::/48", // NAT64 local-use prefix
  "100::/64", // discard-only
  "2001::/32", // Teredo
  "2001:db8::/32", // documentation
  "fd00:ec2::254/128", // cloud metadata (AWS, over IPv6)
  "ff00::/8", // multicast
]);

const V6_PRIVATE = ranges([
  "::1/128", // loopback
  "fc00::/7", // unique local
  "fe80::/10", // link-local
  "fec0::/10", // site-local (deprecated)
]);

const V4_MAPPED = parseCidr("::ffff:0:0/96");
const SIX_TO_FOUR = parseCidr("2002::/16");

/** The class of an address (see the top of this file). Text that is not an address is `forbidden`. */
export function classifyAddress(address: string): AddressClass {
  const ip = parseIp(address);
  return ip ? classify(ip) : "forbidden";
}

function classify(ip: Ip): AddressClass {
  if (ip.family === 6) {
    // ::1 sits inside ::/96, which is otherwise forbidden.
    if (ip.value === 1n) return "private";
    // ::ffff:a.b.c.d is the IPv4 address a.b.c.d: the IPv4 rules decide.
    if (inRange(ip, V4_MAPPED)) return classify({ family: 4, value: ip.value & 0xffffffffn });
    // 6to4 carries an IPv4 address in bits 16-47: it must not be a way around the IPv4 rules.
    if (inRange(ip, SIX_TO_FOUR)) {
      const inner = classify({ family: 4, value: (ip.value >> 80n) & 0xffffffffn });
      if (inner !== "public") return "forbidden";
    }
  }
  const [forbidden, priv] = ip.family === 4 ? [V4_FORBIDDEN, V4_PRIVATE] : [V6_FORBIDDEN, V6_PRIVATE];
  if (forbidden.some((r) => inRange(ip, r))) return "forbidden";
  if (priv.some((r) => inRange(ip, r))) return "private";
  return "public";
}

/** May a connection go to this address under the policy? */
export function isAddressAllowed(address: string, policy: OutboundPolicy): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  const cls = classify(ip);
  if (cls === "public") return true;
  if (cls === "forbidden") return false;
  if (policy.allowPrivate === true) return true;
  if (policy.allowPrivate === false) return false;
  // A mapped IPv4 address matches IPv4 ranges in the list.
  const v4 = ip.family === 6 && inRange(ip, V4_MAPPED) ? { family: 4 as const, value: ip.value & 0xffffffffn } : ip;
  return policy.allowPrivate.some((r) => inRange(ip, parseCidr(r)) || inRange(v4, parseCidr(r)));
}

/**
 * Ports a webhook may use: 80, 443, or any port from 1024 up except the well-known ports of services
 * that often listen on every interface of a server and speak a protocol a POST could abuse (databases,
 * caches, container and cluster APIs) and the ports the Fetch standard blocks. Below 1024 sit SSH, SMTP
 * and the like, which no webhook receiver needs.
 */
export const BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1719, 1720, 1723, 2049, 2375, 2376, 2379, 2380, 3306, 3659, 4045, 5060, 5061, 5432, 5984, 6000, 6379, 6443, 6566, 6665, 6666, 6667, 6668,
  6669, 6697, 9200, 9300, 10080, 10250, 10255, 11211, 27017,
]);

export function isPortAllowed(port: number): boolean {
  return port === 80 || port === 443 || (port >= 1024 && port <= 65535 && !BLOCKED_PORTS.has(port));
}

export type RefusalReason = "scheme" | "credentials" | "port" | "address" | "redirect" | "resolve";

export type UrlCheck =
  { ok: true; url: URL; hostname: string; port: number; literal: boolean } | { ok: false; reason: RefusalReason; message: string };

/**
 * The checks that need no DNS: scheme, credentials, port, and the address when the host is an IP
 * literal. The WHATWG URL parser has already turned `http://2130706433/`, `http://0x7f.1/` and
 * `http://[::ffff:127.0.0.1]/` into canonical addresses, so they are caught here like `127.0.0.1`.
 */
export function checkUrl(raw: string | URL, policy: OutboundPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "scheme", message: "not a URL" };
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && policy.allowHttp)) {
    return { ok: false, reason: "scheme", message: `${url.protocol} is not allowed${url.protocol === "http:" ? " (https only)" : ""}` };
  }
  if (url.username || url.password) return { ok: false, reason: "credentials", message: "credentials in the URL are not supported" };
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  if (!isPortAllowed(port)) return { ok: false, reason: "port", message: `port ${port} is not allowed` };
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const literal = net.isIP(hostname) !== 0;
  if (literal && !isAddressAllowed(hostname, policy)) {
    return { ok: false, reason: "address", message: `${hostname} is a ${classifyAddress(hostname)} address` };
  }
  return { ok: true, url, hostname, port, literal };
}
