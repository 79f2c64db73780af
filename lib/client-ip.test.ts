import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, normalizeIp, parseTrustedProxies, resolveClientIp, stampClientIp, isTrustedProxy } from "./client-ip.mjs";

const none = parseTrustedProxies("");

describe("TRUSTED_PROXIES", () => {
  it("reads IPv4 and IPv6 addresses and CIDR ranges, separated by commas or spaces", () => {
    expect(parseTrustedProxies(" 10.0.0.0/8, 127.0.0.1 ::1  fd00::/8,::ffff:192.0.2.1").entries).toEqual([
      "10.0.0.0/8",
      "127.0.0.1/32",
      "::1/128",
      "fd00::/8",
      "192.0.2.1/32",
    ]);
    expect(none.entries).toEqual([]);
  });

  it.each(["10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0/8", "localhost", "10.0.0.0/8/1", "1.2.3.4/-1", "fd00::/x", "*"])(
    "refuses %j",
    (bad) => {
      expect(() => parseTrustedProxies(bad)).toThrow(/is not an IP address or a CIDR range/);
    },
  );

  it("matches addresses inside the ranges, IPv4-mapped IPv6 as IPv4", () => {
    const t = parseTrustedProxies("10.0.0.0/8, 192.168.1.0/24, fd00::/8, 2001:db8::1");
    for (const ip of ["10.0.0.1", "10.255.255.255", "192.168.1.77", "fd12:3456::1", "2001:db8::1"])
      expect(isTrustedProxy(t, ip), ip).toBe(true);
    for (const ip of ["11.0.0.1", "192.168.2.1", "fe80::1", "2001:db8::2", "garbage", ""]) expect(isTrustedProxy(t, ip), ip).toBe(false);
    expect(normalizeIp("::FFFF:10.1.2.3")).toBe("10.1.2.3");
    expect(resolveClientIp("::ffff:10.1.2.3", "203.0.113.9", t)).toBe("203.0.113.9");
  });
});

describe("the client's address", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8, 2001:db8::/32");

  it("is the socket's when the socket is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolveClientIp("198.51.100.7", "6.6.6.6", none)).toBe("198.51.100.7");
    expect(resolveClientIp("198.51.100.7", "6.6.6.6, 10.0.0.2", proxies)).toBe("198.51.100.7");
    expect(resolveClientIp("::1", "6.6.6.6", none)).toBe("::1");
  });

  it("from a trusted proxy, walks X-Forwarded-For from the right past trusted hops only", () => {
    expect(resolveClientIp("10.0.0.2", "203.0.113.9", proxies)).toBe("203.0.113.9");
    // A forged entry on the left is never reached: the first untrusted address from the right is the client.
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.1.1.1", proxies)).toBe("203.0.113.9");
    expect(resolveClientIp("2001:db8::5", "2001:db8::9, 2606:4700::1111", proxies)).toBe("2606:4700::1111");
    // Only proxies in the chain: the leftmost is all we know.
    expect(resolveClientIp("10.0.0.2", "10.0.0.3, 10.0.0.4", proxies)).toBe("10.0.0.3");
    expect(resolveClientIp("10.0.0.2", "", proxies)).toBe("10.0.0.2");
  });

  it("reads ports and brackets, and stops at a malformed entry", () => {
    expect(resolveClientIp("10.0.0.2", "203.0.113.9:51234", proxies)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.2", "[2606:4700::1]:443", proxies)).toBe("2606:4700::1");
    expect(resolveClientIp("10.0.0.2", "unknown", proxies)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, <script>, 10.0.0.9", proxies)).toBe("10.0.0.9");
    expect(resolveClientIp(undefined, "6.6.6.6", proxies)).toBe("unknown");
  });
});

describe("server.mjs's stamp, over real HTTP", () => {
  let trusted = none;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    // What server.mjs does before it hands a request to Next or to the search endpoint.
    server = http.createServer((req, res) => {
      stampClientIp(req, trusted);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ip: req.headers[CLIENT_IP_HEADER] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ipFor = async (headers: Record<string, string>) => ((await (await fetch(base, { headers })).json()) as { ip: string }).ip;

  it("ignores X-Forwarded-For and a client's own x-mayak-client-ip from an untrusted socket", async () => {
    trusted = none;
    expect(await ipFor({ "x-forwarded-for": "6.6.6.6", "x-mayak-client-ip": "6.6.6.8", "x-real-ip": "6.6.6.7" })).toBe("127.0.0.1");
    trusted = parseTrustedProxies("10.0.0.0/8");
    expect(await ipFor({ "x-forwarded-for": "6.6.6.6" })).toBe("127.0.0.1");
  });

  it("believes the rightmost untrusted entry when the socket is a trusted proxy", async () => {
    trusted = parseTrustedProxies("127.0.0.0/8");
    expect(await ipFor({ "x-forwarded-for": "6.6.6.6, 203.0.113.9", "x-mayak-client-ip": "6.6.6.8" })).toBe("203.0.113.9");
    expect(await ipFor({})).toBe("127.0.0.1");
  });
});
