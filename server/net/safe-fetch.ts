import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { checkUrl, classifyAddress, isAddressAllowed, type OutboundPolicy, type RefusalReason } from "./address-policy";

/**
 * One way out for requests whose destination someone outside the company chose (webhooks).
 *
 * 1. The URL is checked without DNS: scheme (https, http only if the admin allows it), no credentials,
 *    port, and the address when the host is an IP literal in any notation (see address-policy.ts).
 * 2. The host name is resolved once, to all its addresses; if ANY of them is not allowed the request is
 *    refused (a name with one public and one internal address would otherwise be a coin toss).
 * 3. The connection goes to the address that was checked: node:http(s) gets a `lookup` that answers
 *    with it, so no second resolution can hand it another address (DNS rebinding), while the Host header,
 *    SNI and the certificate check still use the host name. No connection pool: a socket is never reused
 *    for a request whose address was checked separately.
 * 4. Redirects are not followed unless the caller asks (`maxRedirects`), and only for GET and HEAD: a
 *    request with a body (a signed webhook) must not be re-sent somewhere its sender never named. Each hop
 *    goes through steps 1-3 again.
 * 5. One deadline covers everything (DNS, connect, TLS, response, body), with a shorter one for the TCP
 *    connect; at most `maxResponseBytes` of the body are read, the rest is dropped with the connection.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses. Injected by tests, which must not depend on real DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface SafeFetchOptions {
  method?: "GET" | "HEAD" | "POST";
  headers?: Record<string, string>;
  body?: string;
  policy: OutboundPolicy;
  /** The whole exchange, from DNS to the last byte read. */
  timeoutMs: number;
  /** The TCP connect alone; defaults to the smaller of 3 s and `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Bytes of the response body read at most; the rest is dropped (`truncated`). Default 64 KB. */
  maxResponseBytes?: number;
  /** Redirects followed (GET and HEAD only), each checked like the first URL. Default 0: a redirect is refused. */
  maxRedirects?: number;
  resolve?: Resolver;
  /** Trusted CA certificates for https (tests with a private CA); the system's otherwise. */
  ca?: string | Buffer;
}

export interface SafeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  /** The URL that answered (after redirects) and the address it was reached at. */
  url: string;
  address: string;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
const DEFAULT_CONNECT_TIMEOUT_MS = 3000;

/** The policy refused the request (or a redirect of it): retrying cannot help. */
export class OutboundRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = "OutboundRefusedError";
  }
}

/** The request was allowed but did not complete: a timeout, or a network or DNS error. Worth retrying. */
export class OutboundFailedError extends Error {
  constructor(
    readonly kind: "timeout" | "network",
    message: string,
  ) {
    super(message);
    this.name = "OutboundFailedError";
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function safeFetch(url: string, opts: SafeFetchOptions): Promise<SafeResponse> {
  const method = opts.method ?? "GET";
  const maxRedirects = opts.maxRedirects ?? 0;
  if (maxRedirects > 0 && method === "POST") throw new Error("a request with a body does not follow redirects");
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), opts.timeoutMs);
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      const target = await pin(current, opts, deadline.signal);
      const res = await requestOnce(target, method, opts, deadline.signal);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || !location) return res;
      if (maxRedirects === 0) throw new OutboundRefusedError("redirect", `redirects are not followed (HTTP ${res.status})`);
      if (hop >= maxRedirects) throw new OutboundRefusedError("redirect", `more than ${maxRedirects} redirects`);
      current = new URL(location, current).href;
    }
  } catch (err) {
    if (deadline.signal.aborted && !(err instanceof OutboundRefusedError)) {
      throw new OutboundFailedError("timeout", `no complete answer within ${opts.timeoutMs} ms`);
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

interface PinnedTarget {
  url: URL;
  hostname: string;
  port: number;
  address: ResolvedAddress;
}

async function pin(raw: string, opts: SafeFetchOptions, signal: AbortSignal): Promise<PinnedTarget> {
  const check = checkUrl(raw, opts.policy);
  if (!check.ok) throw new OutboundRefusedError(check.reason, check.message);
  const { url, hostname, port } = check;
  if (check.literal) return { url, hostname, port, address: { address: hostname, family: net.isIP(hostname) === 6 ? 6 : 4 } };
  let found: ResolvedAddress[];
  try {
    found = await abortable((opts.resolve ?? systemResolver)(hostname), signal);
  } catch (err) {
    if (signal.aborted) throw err;
    throw new OutboundFailedError("network", `${hostname} did not resolve (${(err as { code?: string }).code ?? (err as Error).message})`);
  }
  if (found.length === 0) throw new OutboundFailedError("network", `${hostname} did not resolve`);
  const bad = found.find((a) => !isAddressAllowed(a.address, opts.policy));
  if (bad) throw new OutboundRefusedError("address", `${hostname} resolves to ${bad.address}, a ${classifyAddress(bad.address)} address`);
  return { url, hostname, port, address: found[0] };
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function requestOnce(target: PinnedTarget, method: string, opts: SafeFetchOptions, signal: AbortSignal): Promise<SafeResponse> {
  const { url, hostname, port, address } = target;
  const cap = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const connectTimeoutMs = opts.connectTimeoutMs ?? Math.min(DEFAULT_CONNECT_TIMEOUT_MS, opts.timeoutMs);
  // Answers every lookup with the address already checked (Node 20 asks for a list when it races IPv4
  // and IPv6, for a single address otherwise).
  const lookup = ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (options?.all) cb(null, [{ address: address.address, family: address.family }]);
    else cb(null, address.address, address.family);
  }) as unknown as net.LookupFunction;
  const headers: Record<string, string> = { ...opts.headers, Connection: "close" };
  if (opts.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(opts.body));

  return new Promise<SafeResponse>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      fn();
    };
    const fail = (err: unknown) =>
      settle(() => reject(err instanceof OutboundRefusedError || err instanceof OutboundFailedError ? err : networkError(err)));
    let connectTimer: ReturnType<typeof setTimeout> | undefined;

    const req = (url.protocol === "https:" ? https : http).request({
      protocol: url.protocol,
      hostname,
      port,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      agent: false,
      lookup,
      signal,
      ...(url.protocol === "https:" && opts.ca ? { ca: opts.ca } : {}),
    });
    req.on("socket", (socket) => {
      connectTimer = setTimeout(
        () => req.destroy(new OutboundFailedError("timeout", `no connection within ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      );
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.on("error", fail);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (truncated: boolean) =>
        settle(() =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            truncated,
            url: url.href,
            address: address.address,
          }),
        );
      if (cap === 0) {
        res.destroy();
        return done(true);
      }
      res.on("data", (chunk: Buffer) => {
        if (settled) return;
        if (size + chunk.length > cap) {
          chunks.push(chunk.subarray(0, cap - size));
          size = cap;
          res.destroy();
          done(true);
        } else {
          chunks.push(chunk);
          size += chunk.length;
        }
      });
      res.on("end", () => done(false));
      res.on("error", fail);
      res.on("close", () => fail(new OutboundFailedError("network", "the connection closed before the answer ended")));
    });
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function networkError(err: unknown): OutboundFailedError {
  const e = err as { code?: string; name?: string; message?: string };
  return new OutboundFailedError("network", e.code ?? e.name ?? e.message ?? "network error");
}
