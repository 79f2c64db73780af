import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import crypto from "node:crypto";

export interface AppServer {
  base: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on host:port within `ms`. */
export function portOpen(host: string, port: number, ms = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(ms, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

/**
 * Starts the production build on the loopback interface with the given database, and resolves once
 * /api/health answers 200 (migrated, demo data seeded). One process either way:
 * - `server: "app"` (the default): the app's own server, `node server.mjs`, as `npm start` runs it (Next's
 *   handler, and GET /api/search answered outside Next's router), on 127.0.0.1. It keeps Next's own host
 *   at "localhost", so any interface will do.
 * - `server: "next"`: plain `next start`, for comparison. It listens on `localhost`, not `127.0.0.1`: Next
 *   (16.4) builds the URL the proxy (middleware) sees with the host "localhost" whatever `-H` says, but
 *   compares a rewrite's destination with the `-H` host. With `-H 127.0.0.1` every rewrite of proxy.ts
 *   (/contact -> /en/contact) looks external: Next proxies it to itself over HTTP and the inner request gets
 *   the /en/… -> /… redirect, so every page answers 308.
 */
export async function startApp(opts: {
  root: string;
  workDir: string;
  databaseUrl?: string;
  env?: NodeJS.ProcessEnv;
  server?: "app" | "next";
}): Promise<AppServer> {
  // `NEXT_DIST_DIR` (read by next.config.ts) selects another build folder, e.g. a build made for the benchmark
  // beside one that someone else is using: `NEXT_DIST_DIR=.next-bench npx next build`. The child inherits it.
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(opts.root, distDir, "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir}: run \`npm run build\` (or \`NEXT_DIST_DIR=${distDir} npx next build\`) first.`);
  }
  const port = await freePort();
  const nextStart = opts.server === "next";
  const host = nextStart ? "localhost" : "127.0.0.1";
  const base = `http://${host}:${port}`;
  const logFile = path.join(opts.workDir, `server-${port}.log`);
  const log = fs.openSync(logFile, "a");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATA_DIR: path.join(opts.workDir, "data"),
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    SEED_DEMO: "true",
    DATABASE_URL: opts.databaseUrl ?? "",
    // The load generator stands in for a proxy in front of many clients: their addresses come in
    // X-Forwarded-For, which the app believes only from a trusted proxy.
    TRUSTED_PROXIES: "127.0.0.1,::1",
    ...opts.env,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    nextStart
      ? [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", host]
      : ["server.mjs", "--port", String(port), "--hostname", host],
    { cwd: opts.root, env, stdio: ["ignore", log, log] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let dead = false;
  void exited.then(() => (dead = true));

  const stop = async () => {
    if (dead) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    fs.closeSync(log);
  };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (dead) break;
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) return { base, pid: child.pid!, logFile, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  throw new Error(`The app did not become healthy. Last lines of its log:\n${tail}`);
}
