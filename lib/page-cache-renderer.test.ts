import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { RenderProcess } from "./page-cache-renderer.mjs";
import { renderThroughServer } from "./page-cache-render.mjs";

// The render process's side of the protocol, as server.mjs --render-process keeps it: loopback only, the
// token or nothing, `{ ready: port }` once it can render, gone with the process that started it. It answers
// with its own process id; /slow sends half a page and then nothing.
const CHILD = `
const http = require("node:http");
const token = process.env.MAYAK_RENDER_TOKEN;
const server = http.createServer((req, res) => {
  if (req.headers["x-mayak-page-render"] !== token) { res.writeHead(404); res.end(); return; }
  if (req.url === "/slow") { res.writeHead(200, { "content-length": "100" }); res.write("half"); return; }
  res.writeHead(200, { "content-type": "text/html" });
  res.end("rendered by " + process.pid + " after change " + req.headers["x-mayak-status-generation"]);
});
server.listen(0, "127.0.0.1", () => process.send({ ready: server.address().port }));
process.on("disconnect", () => process.exit(0));
`;

let dir: string;
let script: string;
let clock: number;
let logged: string[];
let renders: RenderProcess;
const token = "test-token-123";
const status = { path: "/status", html: true };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-render-"));
  script = path.join(dir, "child.cjs");
  fs.writeFileSync(script, CHILD);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => renders?.stop());

function start() {
  clock = 1_000_000;
  logged = [];
  renders = new RenderProcess({
    script,
    env: () => ({ ...process.env, MAYAK_RENDER_TOKEN: token }),
    now: () => clock,
    log: (m) => logged.push(m),
  });
  return renders;
}

/** Asks until the render process says it is ready (it starts on the first question). */
async function ready(r: RenderProcess) {
  for (const giveUp = Date.now() + 20_000; Date.now() < giveUp; await new Promise((res) => setTimeout(res, 10))) {
    const address = r.ready();
    if (address) return address;
  }
  throw new Error("the render process never said it was ready");
}

async function exited(pid: number) {
  for (const giveUp = Date.now() + 20_000; Date.now() < giveUp; await new Promise((res) => setTimeout(res, 10))) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`process ${pid} is still running`);
}

it("renders in the other process once it is ready, here until then; only the token's holder is answered", async () => {
  const r = start();
  expect(r.ready(), "not ready yet: render here").toBeNull();
  const address = await ready(r);
  const page = await renderThroughServer(address, status, { token, statusGeneration: 4 });
  expect(page.status).toBe(200);
  expect(page.body.toString()).toBe(`rendered by ${r.pid} after change 4`);
  expect(r.pid).not.toBe(process.pid);
  expect(logged).toEqual([`[mayak] page cache: status pages render in process ${r.pid}`]);
  const stranger = await renderThroughServer(address, status, { token: "guess" });
  expect(stranger.status).toBe(404);
});

it("a render cut short by the process dying fails (never a page); renders come back here, then to a new process after the pause", async () => {
  const r = start();
  const address = await ready(r);
  const first = r.pid!;
  const cut = renderThroughServer(address, { path: "/slow", html: true }, { token });
  // The half page has left the process before it dies.
  await new Promise((res) => setTimeout(res, 50));
  process.kill(first, "SIGKILL");
  await expect(cut).rejects.toThrow(/cut short|socket hang up|ECONNRESET/);
  await exited(first);
  for (const giveUp = Date.now() + 20_000; r.pid !== undefined && Date.now() < giveUp;) await new Promise((res) => setTimeout(res, 10));
  expect(r.ready(), "gone: render here").toBeNull();
  expect(r.pid, "not started again before the pause").toBeUndefined();
  expect(logged.at(-1)).toMatch(/render process exited \(SIGKILL\).* in 1000 ms/);
  clock += 1000;
  const again = await ready(r);
  expect(r.pid).not.toBe(first);
  expect((await renderThroughServer(again, status, { token })).body.toString()).toContain(`rendered by ${r.pid}`);
});

it("stops with the server: no process left, none started again", async () => {
  const r = start();
  await ready(r);
  const pid = r.pid!;
  await r.stop();
  await exited(pid);
  clock += 60_000;
  expect(r.ready()).toBeNull();
  expect(r.pid).toBeUndefined();
});
