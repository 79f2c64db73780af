// The status pages are rendered in a second process. One render of the status page with 50 components costs
// 60-130 ms of CPU (React, and the histories read from the database); in the process that serves the cached
// bytes it would stall every connection for that long, and a change or the minute's refresh during an
// outage's stampede would show in every visitor's wait. server.mjs forks itself as the render process (the
// same build, the same database, no jobs, listening on loopback only, answering only requests that carry the
// token it was given) and sends the status area's renders there. The serving process only takes the finished
// bytes in, compresses them off its event loop (zlib's threads) and swaps them in.
//
// The render process starts on the first status render; until it says it is ready, and whenever it is gone
// (it exited: it is started again after a pause that grows with each failure), renders run in the serving
// process as before. A render cut short by the process dying is a failed render, never a page: the cache
// keeps the previous bytes (lib/page-cache.mjs).
import { fork } from "node:child_process";

/** The first pause before starting the render process again; it doubles with each failure, up to MAX_PAUSE_MS. */
const PAUSE_MS = 1000;
const MAX_PAUSE_MS = 30_000;

export class RenderProcess {
  /**
   * @param {{
   *   script: string,
   *   args?: string[],
   *   env: () => Record<string, string | undefined>,
   *   now?: () => number,
   *   log?: (message: string) => void,
   * }} opts
   */
  constructor(opts) {
    this.script = opts.script;
    this.args = opts.args ?? [];
    this.env = opts.env;
    this.now = opts.now ?? Date.now;
    /** Where the render process's coming and going is told (whoever runs the server sees why renders moved). */
    this.log = opts.log ?? ((m) => console.warn(m));
    /** @type {import("node:child_process").ChildProcess | null} */
    this.child = null;
    /** @type {{ host: string, port: number } | null} */
    this.address = null;
    this.failures = 0;
    this.startAfter = 0;
    this.stopped = false;
  }

  /**
   * Where to send a render: the render process's address once it is ready, else null (render here). Starts the
   * process when it is not running, unless it failed a moment ago.
   */
  ready() {
    if (this.address) return this.address;
    if (!this.child && !this.stopped && this.now() >= this.startAfter) this.start();
    return null;
  }

  /** The process id of the render process, while one runs. */
  get pid() {
    return this.child?.pid;
  }

  start() {
    // The environment as it is now (the server's port is known once it listens).
    const child = fork(this.script, this.args, { env: this.env(), stdio: "inherit" });
    this.child = child;
    child.on("message", (m) => {
      if (this.child !== child || !m || typeof m !== "object" || typeof m.ready !== "number") return;
      this.address = { host: "127.0.0.1", port: m.ready };
      this.failures = 0;
      this.log(`[mayak] page cache: status pages render in process ${child.pid}`);
    });
    const gone = (why) => {
      if (this.child !== child) return;
      this.child = null;
      this.address = null;
      if (this.stopped) return;
      this.failures++;
      const pause = Math.min(MAX_PAUSE_MS, PAUSE_MS * 2 ** (this.failures - 1));
      this.startAfter = this.now() + pause;
      this.log(
        `[mayak] page cache: the render process ${why}; status pages render in this process, another is started in ${pause} ms at the earliest`,
      );
    };
    child.on("exit", (code, signal) => gone(`exited (${signal ?? code})`));
    child.on("error", (err) => {
      gone(`failed: ${err.message}`);
      child.kill("SIGKILL");
    });
  }

  /** Stops the render process (SIGTERM, SIGKILL after `graceMs`); resolves when it exited. */
  stop(graceMs = 5000) {
    this.stopped = true;
    const child = this.child;
    this.child = null;
    this.address = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
      force.unref();
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill("SIGTERM");
    });
  }
}
