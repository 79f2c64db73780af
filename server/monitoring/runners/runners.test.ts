import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer } from "../test-helpers";
import { parseHostPort, statusAccepted } from "../schemas";
import { checkHttp } from "./http";
import { checkTcp } from "./tcp";
import { checkTls, classifyCertificate } from "./tls";
import { checkHeartbeat } from "./index";

const DAY = 86_400_000;
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "..", "test-fixtures", name));

describe("HTTP runner", () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    server = await startHttpServer({ body: "all systems go" });
  });
  afterAll(() => server.close());

  it("is up on an accepted status and down on another", async () => {
    server.set({ status: 200, delayMs: 0 });
    expect((await checkHttp(server.url, 2000, {})).result).toBe("up");
    server.set({ status: 503 });
    expect(await checkHttp(server.url, 2000, {})).toMatchObject({ result: "down", error: "unexpected status 503" });
    expect((await checkHttp(server.url, 2000, { expectedStatus: "500-503" })).result).toBe("up");
  });

  it("requires the keyword in the body", async () => {
    server.set({ status: 200, body: "all systems go" });
    expect((await checkHttp(server.url, 2000, { keyword: "systems go" })).result).toBe("up");
    expect(await checkHttp(server.url, 2000, { keyword: "maintenance" })).toMatchObject({
      result: "down",
      error: "keyword not found: maintenance",
    });
  });

  it("is degraded above the latency threshold and down after the timeout", async () => {
    server.set({ status: 200, delayMs: 150 });
    const slow = await checkHttp(server.url, 2000, { degradedMs: 50 });
    expect(slow.result).toBe("degraded");
    expect(slow.latencyMs).toBeGreaterThanOrEqual(140);
    expect(await checkHttp(server.url, 50, {})).toMatchObject({ result: "down", error: "timed out" });
    server.set({ delayMs: 0 });
  });

  it("is down when nothing listens", async () => {
    const closed = await startHttpServer();
    await closed.close();
    expect((await checkHttp(closed.url, 1000, {})).result).toBe("down");
  });
});

describe("TCP runner", () => {
  it("is up when the port accepts and down when refused", async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    expect((await checkTcp(`127.0.0.1:${port}`, 1000, {})).result).toBe("up");
    await new Promise<void>((r) => server.close(() => r()));
    expect(await checkTcp(`127.0.0.1:${port}`, 1000, {})).toMatchObject({ result: "down", error: "ECONNREFUSED" });
  });
});

describe("TLS runner", () => {
  const servers: tls.Server[] = [];
  async function serve(name: "valid" | "expired"): Promise<string> {
    const server = tls.createServer({ key: fixture(`${name}-key.pem`), cert: fixture(`${name}-cert.pem`) }, (s) => s.end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    servers.push(server);
    return `localhost:${(server.address() as AddressInfo).port}`;
  }
  afterAll(() => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))));
  const valid = fixture("valid-cert.pem");
  const expired = fixture("expired-cert.pem");

  it("is up for a trusted certificate far from expiry, degraded inside the warning window", async () => {
    const target = await serve("valid");
    expect((await checkTls(target, 2000, { tlsWarnDays: 14 }, Date.now(), { ca: valid })).result).toBe("up");
    const warn = await checkTls(target, 2000, { tlsWarnDays: 365 }, Date.now() + 9.5 * 365 * DAY, { ca: valid });
    expect(warn.result).toBe("degraded");
    expect(warn.error).toMatch(/^certificate expires in \d+ days/);
  });

  it("is down for an expired certificate and for an untrusted one", async () => {
    const target = await serve("expired");
    expect(await checkTls(target, 2000, {}, Date.now(), { ca: expired })).toMatchObject({
      result: "down",
      error: "certificate expired on 2020-02-01",
    });
    const untrusted = await checkTls(await serve("valid"), 2000, {}, Date.now());
    expect(untrusted.result).toBe("down");
    expect(untrusted.error).toMatch(/^certificate not trusted/);
  });

  it("classifies the dates as a pure rule", () => {
    const now = Date.UTC(2026, 0, 1);
    const cert = { validFrom: now - DAY, validTo: now + 10 * DAY, authorized: true, authorizationError: null };
    expect(classifyCertificate(cert, now, 7).result).toBe("up");
    expect(classifyCertificate(cert, now, 14)).toMatchObject({ result: "degraded", error: "certificate expires in 10 days (2026-01-11)" });
    expect(classifyCertificate(cert, now + 10 * DAY, 14).result).toBe("down");
    expect(classifyCertificate(cert, now - 2 * DAY, 1).result).toBe("down");
    expect(classifyCertificate({ ...cert, authorized: false, authorizationError: "SELF_SIGNED" }, now, 1).result).toBe("down");
  });
});

describe("heartbeat rule and parsing", () => {
  it("is down only after interval + grace without a ping", () => {
    const m = { interval_s: 60, timeout_ms: 30_000, created_at: 0, last_heartbeat_at: 1000 };
    expect(checkHeartbeat(m, 1000 + 90_000).result).toBe("up");
    expect(checkHeartbeat(m, 1000 + 90_001)).toMatchObject({ result: "down", error: "no heartbeat for 90 s" });
    expect(checkHeartbeat({ ...m, last_heartbeat_at: null }, 90_001).error).toBe("no heartbeat received yet");
  });

  it("reads status specs and host:port", () => {
    expect([200, 301, 399, 400].map((s) => statusAccepted(undefined, s))).toEqual([true, true, true, false]);
    expect([200, 204, 205].map((s) => statusAccepted("200,204", s))).toEqual([true, true, false]);
    expect(parseHostPort("db.example.com:5432")).toEqual({ host: "db.example.com", port: 5432 });
    expect(parseHostPort("example.com", 443)).toEqual({ host: "example.com", port: 443 });
    expect(parseHostPort("[::1]:8443")).toEqual({ host: "::1", port: 8443 });
    expect(parseHostPort("example.com")).toBeNull();
    expect(parseHostPort("example.com:99999")).toBeNull();
  });
});
