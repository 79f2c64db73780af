import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { OutboundPolicy } from "./address-policy";
import { OutboundFailedError, OutboundRefusedError, safeFetch, type Resolver, type SafeFetchOptions } from "./safe-fetch";

interface Seen {
  method: string;
  url: string;
  host: string;
  body: string;
}

let servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

/** A real HTTP server on 127.0.0.1 that records requests and answers with `handler`. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_q, r) => r.end("ok")) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, host: req.headers.host!, body: Buffer.concat(chunks).toString() });
      handler(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}`, seen };
}

const LOCAL: OutboundPolicy = { allowHttp: true, allowPrivate: ["127.0.0.1/32"] };
const STRICT_HTTP: OutboundPolicy = { allowHttp: true, allowPrivate: false };
const base = (policy: OutboundPolicy, more: Partial<SafeFetchOptions> = {}): SafeFetchOptions => ({ policy, timeoutMs: 2000, ...more });

/** A hosts file in memory: names the system's DNS has never heard of. */
function hosts(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (name: string) => {
    calls.push(name);
    const list = table[name];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? (6 as const) : (4 as const) }));
  };
  return Object.assign(fn, { calls });
}

async function refusal(p: Promise<unknown>): Promise<OutboundRefusedError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutboundRefusedError);
  return err as OutboundRefusedError;
}

async function failure(p: Promise<unknown>): Promise<OutboundFailedError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutboundFailedError);
  return err as OutboundFailedError;
}

describe("safeFetch: allowed requests", () => {
  it("POSTs to an allowed address and returns the status and body", async () => {
    const srv = await serve((_q, r) => {
      r.statusCode = 202;
      r.end("accepted");
    });
    const res = await safeFetch(
      `${srv.url}/hook?x=1`,
      base(LOCAL, { method: "POST", body: '{"a":1}', headers: { "Content-Type": "application/json" } }),
    );
    expect(res).toMatchObject({ status: 202, truncated: false, address: "127.0.0.1" });
    expect(res.body.toString()).toBe("accepted");
    expect(srv.seen).toEqual([{ method: "POST", url: "/hook?x=1", host: `127.0.0.1:${srv.port}`, body: '{"a":1}' }]);
  });

  it("connects to the address it checked, resolving once, and keeps the host name in the Host header", async () => {
    const srv = await serve();
    const resolve = hosts({ "hooks.pinned.invalid": ["127.0.0.1"] });
    const res = await safeFetch(`http://hooks.pinned.invalid:${srv.port}/in`, base(LOCAL, { resolve }));
    expect(res.status).toBe(200);
    // `.invalid` never resolves in real DNS: the connection used the pinned address.
    expect(resolve.calls).toEqual(["hooks.pinned.invalid"]);
    expect(srv.seen[0].host).toBe(`hooks.pinned.invalid:${srv.port}`);
  });
});

/** A certificate for one host name, made with the system's openssl (null when there is none). */
function selfSigned(name: string): { key: string; cert: string } | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        `/CN=${name}`,
        "-addext",
        `subjectAltName=DNS:${name}`,
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { key: fs.readFileSync(path.join(dir, "key.pem"), "utf8"), cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } catch {
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("safeFetch: https to a pinned address", () => {
  const tls = selfSigned("hooks.pinned.invalid");
  it.skipIf(!tls)("sends SNI and checks the certificate against the host name, not the address", async () => {
    const server = https.createServer({ key: tls!.key, cert: tls!.cert }, (req, res) =>
      res.end(`sni=${(req.socket as unknown as { servername?: string }).servername}`),
    );
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const resolve = hosts({ "hooks.pinned.invalid": ["127.0.0.1"], "other.pinned.invalid": ["127.0.0.1"] });
    const res = await safeFetch(`https://hooks.pinned.invalid:${port}/`, base(LOCAL, { resolve, ca: tls!.cert }));
    expect(res.body.toString()).toBe("sni=hooks.pinned.invalid");
    // The same address under another name: the certificate does not match, the request fails.
    expect((await failure(safeFetch(`https://other.pinned.invalid:${port}/`, base(LOCAL, { resolve, ca: tls!.cert })))).message).toMatch(
      /ERR_TLS_CERT_ALTNAME_INVALID/,
    );
    // Without the private CA the certificate is not trusted at all.
    expect((await failure(safeFetch(`https://hooks.pinned.invalid:${port}/`, base(LOCAL, { resolve })))).kind).toBe("network");
  });
});

describe("safeFetch: refused destinations", () => {
  it("refuses loopback under the default policy, and nothing reaches the server", async () => {
    const srv = await serve();
    expect((await refusal(safeFetch(`${srv.url}/`, base(STRICT_HTTP)))).reason).toBe("address");
    for (const alias of [
      `http://2130706433:${srv.port}/`,
      `http://0x7f.1:${srv.port}/`,
      `http://0177.0.0.1:${srv.port}/`,
      `http://[::ffff:127.0.0.1]:${srv.port}/`,
    ]) {
      expect((await refusal(safeFetch(alias, base(STRICT_HTTP)))).reason).toBe("address");
    }
    expect(srv.seen).toHaveLength(0);
  });

  it("refuses plain http unless allowed", async () => {
    const srv = await serve();
    expect((await refusal(safeFetch(`${srv.url}/`, base({ allowHttp: false, allowPrivate: true })))).reason).toBe("scheme");
    expect(srv.seen).toHaveLength(0);
  });

  it("refuses cloud metadata even when private addresses are allowed", async () => {
    const err = await refusal(safeFetch("http://169.254.169.254/latest/meta-data/", base({ allowHttp: true, allowPrivate: true })));
    expect(err.reason).toBe("address");
    expect(err.message).toContain("169.254.169.254");
  });

  it("refuses a host name that resolves to a private address, or to any private address among public ones", async () => {
    const resolve = hosts({
      "internal.example.test": ["10.0.0.5"],
      "mixed.example.test": ["93.184.216.34", "::1"],
      "meta.example.test": ["169.254.169.254"],
    });
    for (const name of ["internal.example.test", "mixed.example.test", "meta.example.test"]) {
      const err = await refusal(safeFetch(`https://${name}/hook`, base(STRICT_HTTP, { resolve })));
      expect(err.reason).toBe("address");
      expect(err.message).toContain(`${name} resolves to`);
    }
  });

  it("a name that does not resolve is a network failure (worth retrying), not a refusal", async () => {
    const err = await failure(safeFetch("https://nowhere.example.test/", base(STRICT_HTTP, { resolve: hosts({}) })));
    expect(err.kind).toBe("network");
    expect(err.message).toContain("ENOTFOUND");
  });

  it("refuses ports outside 80, 443 and the unprivileged range", async () => {
    expect((await refusal(safeFetch("https://hooks.example.test:22/", base(STRICT_HTTP, { resolve: hosts({}) })))).reason).toBe("port");
    expect((await refusal(safeFetch("https://hooks.example.test:6379/", base(STRICT_HTTP, { resolve: hosts({}) })))).reason).toBe("port");
  });
});

describe("safeFetch: redirects", () => {
  const redirectTo =
    (location: string, status = 302) =>
    (_q: http.IncomingMessage, r: http.ServerResponse) => {
      r.statusCode = status;
      r.setHeader("Location", location);
      r.end();
    };

  it("a POST never follows a redirect, even to an allowed address", async () => {
    const target = await serve();
    const hop = await serve(redirectTo(`${target.url}/elsewhere`, 307));
    const err = await refusal(safeFetch(`${hop.url}/hook`, base(LOCAL, { method: "POST", body: "{}" })));
    expect(err.reason).toBe("redirect");
    expect(err.message).toContain("HTTP 307");
    expect(target.seen).toHaveLength(0);
  });

  it("a GET follows up to the limit, checking every hop", async () => {
    const end = await serve((_q, r) => r.end("arrived"));
    const mid = await serve(redirectTo(`${end.url}/end`, 301));
    const first = await serve(redirectTo(`${mid.url}/mid`));
    const res = await safeFetch(`${first.url}/start`, base(LOCAL, { maxRedirects: 3 }));
    expect(res.body.toString()).toBe("arrived");
    expect(res.url).toBe(`${end.url}/end`);

    const loop = await serve(redirectTo("/again"));
    expect((await refusal(safeFetch(`${loop.url}/`, base(LOCAL, { maxRedirects: 3 })))).message).toContain("more than 3 redirects");
    expect(loop.seen).toHaveLength(4);
  });

  it("refuses a redirect to a private or metadata address", async () => {
    const resolve = hosts({ "internal.example.test": ["10.0.0.5"] });
    for (const location of [
      "http://169.254.169.254/latest/meta-data/",
      "http://127.0.0.2:8080/admin",
      "http://internal.example.test/",
      "http://[::1]:8080/",
    ]) {
      const hop = await serve(redirectTo(location));
      const err = await refusal(safeFetch(`${hop.url}/`, base(LOCAL, { maxRedirects: 3, resolve })));
      expect(err.reason).toBe("address");
    }
  });

  it("a redirect is refused outright when none may be followed", async () => {
    const hop = await serve(redirectTo("https://example.com/"));
    expect((await refusal(safeFetch(`${hop.url}/`, base(LOCAL)))).reason).toBe("redirect");
  });
});

describe("safeFetch: limits", () => {
  it("times out a server that never answers", async () => {
    const srv = await serve(() => undefined);
    const started = Date.now();
    const err = await failure(safeFetch(`${srv.url}/`, base(LOCAL, { timeoutMs: 300 })));
    expect(err.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("times out a body that trickles in forever", async () => {
    const srv = await serve((_q, r) => {
      r.writeHead(200, { "Content-Type": "text/plain" });
      const t = setInterval(() => r.write("."), 20);
      r.on("close", () => clearInterval(t));
    });
    const err = await failure(safeFetch(`${srv.url}/`, base(LOCAL, { timeoutMs: 300, maxResponseBytes: 1_000_000 })));
    expect(err.kind).toBe("timeout");
  });

  it("reads at most the cap of a large or endless body", async () => {
    const big = await serve((_q, r) => r.end("x".repeat(1_000_000)));
    const res = await safeFetch(`${big.url}/`, base(LOCAL, { maxResponseBytes: 64 * 1024 }));
    expect(res).toMatchObject({ status: 200, truncated: true });
    expect(res.body.length).toBe(64 * 1024);

    const endless = await serve((_q, r) => {
      r.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 97);
      const pump = () => {
        while (r.write(chunk));
      };
      r.on("drain", pump);
      pump();
    });
    const started = Date.now();
    const res2 = await safeFetch(`${endless.url}/`, base(LOCAL, { maxResponseBytes: 1000, timeoutMs: 5000 }));
    expect(res2).toMatchObject({ status: 200, truncated: true });
    expect(res2.body.length).toBe(1000);
    expect(Date.now() - started).toBeLessThan(2000);

    const small = await serve((_q, r) => r.end("x".repeat(1000)));
    const res3 = await safeFetch(`${small.url}/`, base(LOCAL, { maxResponseBytes: 1000 }));
    expect(res3).toMatchObject({ truncated: false });
    expect(res3.body.length).toBe(1000);
  });

  it("reads no body at all when the cap is 0", async () => {
    const srv = await serve((_q, r) => {
      r.statusCode = 204;
      r.end();
    });
    expect(await safeFetch(`${srv.url}/`, base(LOCAL, { maxResponseBytes: 0 }))).toMatchObject({ status: 204, body: Buffer.alloc(0) });
  });
});
