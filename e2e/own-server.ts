// A second app server for specs that need settings of their own (single sign-on, passkeys on localhost):
// server.mjs from the same build (NEXT_DIST_DIR, else .next) with a fresh SQLite database under data/.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

export interface OwnServer {
  /** Stops the server: SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Starts server.mjs on `port` with `env` on top of this process's, and waits until /api/health answers. */
export async function startOwnServer(opts: {
  name: string;
  port: number;
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<OwnServer> {
  const dataDir = `data/e2e-${opts.name}-${opts.port}`;
  fs.rmSync(dataDir, { recursive: true, force: true });
  const server: ChildProcess = spawn(process.execPath, ["server.mjs", "--port", String(opts.port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);

  const timeoutMs = opts.timeoutMs ?? 150_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the ${opts.name} app server exited:\n${log}`);
    const ok = await fetch(`http://127.0.0.1:${opts.port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the ${opts.name} app server did not answer within ${timeoutMs / 1000} s:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }

  return {
    async stop() {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    },
  };
}
