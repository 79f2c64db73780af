// The production server (`npm start`): Next's request handler on a plain node:http server, except for
// GET /api/search and the agent inbox's list and counts, which the app answers here itself. Next's router costs
// about 0.8 ms of CPU per request, more than a cached search; with many concurrent clients that overhead alone
// sets the search latency.
//
//   node server.mjs [--port 3000] [--hostname 127.0.0.1]
//
// --port defaults to $PORT, then 3000; --hostname is the interface to listen on (all of them by default).
// The build folder is .next, or $NEXT_DIST_DIR (read by next.config.ts).
//
// The public pages anonymous visitors read most (status, help center, FAQ) are answered from memory here too
// (lib/page-cache.mjs): Next renders each once per change, through an internal request from this server; the
// status pages' renders go to a second process (lib/page-cache-renderer.mjs), this same file started with
// --render-process, so that none of them runs on the event loop that serves the cached bytes.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { publicUrlOf } from "./lib/security-headers.mjs";
import { createResponseGuard } from "./lib/response-security.mjs";
import { markClientIpStamped, parseTrustedProxies, stampClientIp } from "./lib/client-ip.mjs";
import { badRequestAnswer, badRequestTarget } from "./lib/request-target.mjs";
import { MAX_WAIT_MS, PageCache, STALE_MS } from "./lib/page-cache.mjs";
import { FLIGHT_PREFIX } from "./lib/page-cache-flight.mjs";
import { pageTarget } from "./lib/page-cache-targets.mjs";
import { PAGE_CACHE_KEY, STATUS_GENERATION_HEADER, loopbackOf, renderThroughServer } from "./lib/page-cache-render.mjs";
import { RenderProcess } from "./lib/page-cache-renderer.mjs";
import { forgetStatusHistories, shareStatusHistories } from "./lib/page-cache-histories.mjs";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
    // Started by the serving process only (lib/page-cache-renderer.mjs): renders its cached pages.
    "render-process": { type: "boolean" },
  },
});
const renderProcess = args["render-process"] === true;
if (renderProcess && (typeof process.send !== "function" || !process.env.MAYAK_RENDER_TOKEN)) {
  console.error("[mayak] --render-process is for the server's own render process only");
  process.exit(1);
}
const port = renderProcess ? 0 : Number(args.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[mayak] invalid port: ${args.port ?? process.env.PORT}`);
  process.exit(1);
}
const bindHost = renderProcess ? "127.0.0.1" : args.hostname || undefined;

// The client's address is decided here, from the socket, for every request (lib/client-ip.mjs): the app
// believes X-Forwarded-For only from these proxies, and only this server's x-mayak-client-ip header.
let trustedProxies;
try {
  trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (err) {
  console.error(`[mayak] Invalid configuration:\n  TRUSTED_PROXIES: ${err.message}`);
  process.exit(1);
}
markClientIpStamped();

// Next picks React's production build from NODE_ENV when it loads: set it before importing Next.
process.env.NODE_ENV ||= "production";
const { default: next } = await import("next");

// The app registers its search function here at start (instrumentation.ts, server/kb/search-http.ts).
const SEARCH_HTTP = Symbol.for("mayak.searchHttp");
// And the agent inbox's list and counts (GET /api/trpc/inbox.list|inbox.counts: server/trpc/fast-http.ts), which it
// answers through the same tRPC router; null for any other call, which Next then answers.
const TRPC_FAST = Symbol.for("mayak.trpcFast");
// Every response's security headers, Content-Security-Policy included, are settled here when its own headers
// are known (lib/response-security.mjs): cached pages get the hashes of their inline scripts, pages rendered
// per request keep proxy.ts's nonce, the rest a policy that allows nothing.
const guard = createResponseGuard({ publicUrl: publicUrlOf(process.env) });

// The internal requests that render a cached page carry this header: they go to Next, never to the cache.
// A fresh value per server, so nobody outside can skip the cache with it; its render process is given it.
const RENDER_TOKEN = renderProcess ? process.env.MAYAK_RENDER_TOKEN : crypto.randomBytes(18).toString("base64url");
delete process.env.MAYAK_RENDER_TOKEN;
const distDir = path.join(import.meta.dirname, process.env.NEXT_DIST_DIR || ".next");
// The status pages' renders (lib/page-cache-renderer.mjs): the same build and database, no jobs (this process
// runs them), no demo data to create (MAYAK_PROCESS names it for the app); it reaches this server's internal
// endpoints on this server's port.
const renders = new RenderProcess({
  script: fileURLToPath(import.meta.url),
  args: ["--render-process"],
  env: () => ({ ...process.env, MAYAK_RENDER_TOKEN: RENDER_TOKEN, MAYAK_PROCESS: "render", JOBS_ENABLED: "false", SEED_DEMO: "false" }),
});
const pages = new PageCache({
  publicUrl: publicUrlOf(process.env),
  // After a change a page is sent for at most 1 s while it renders, then requests wait for the new one; if
  // rendering is slower still (a machine overloaded in an outage), a request gets the previous page after
  // 0.6 s more rather than hang (lib/page-cache.mjs, STALE_MS).
  staleMs: STALE_MS,
  maxWaitMs: MAX_WAIT_MS,
  // The status pages send their React payload as a script of its own (lib/page-cache-flight.mjs): the HTML
  // every visitor gets is half the size, and a browser fetches the script once per version of the page.
  splitFlight: (target) => target.area === "status" && target.route !== undefined,
  // The status area in the render process once it is ready; the help center's pages, which Next keeps in its
  // own files too (ISR), here, where that copy is served from.
  render: (target) =>
    renderThroughServer((target.area === "status" && renders.ready()) || loopbackOf(server), target, {
      token: RENDER_TOKEN,
      // Next renders an ISR page afresh (not from its own cache) for a request carrying this build's id.
      previewModeId: readPreviewModeId(distDir),
      // The render process forgets the histories it read for an earlier change (lib/page-cache-histories.mjs).
      statusGeneration: pages.generation.status,
    }),
});
// The app tells the cache what changed (server/page-cache/watch.ts, started from instrumentation.ts). The
// render process has no cache: it renders what it is asked, with the histories shared per change named.
if (renderProcess) shareStatusHistories();
else globalThis[PAGE_CACHE_KEY] = pages;
let statusGeneration;

/** The render process answers only its serving process's render requests. */
function onRenderRequest(req, res) {
  if (req.headers["x-mayak-page-render"] !== RENDER_TOKEN) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("Not found");
    return;
  }
  delete req.headers["x-mayak-page-render"];
  const generation = req.headers[STATUS_GENERATION_HEADER];
  if (generation !== undefined) {
    delete req.headers[STATUS_GENERATION_HEADER];
    if (generation !== statusGeneration) forgetStatusHistories();
    statusGeneration = generation;
  }
  guard(req, res);
  onRequest(req, res);
}

/** Every request of the serving process: the cached pages from memory, the rest through Next. */
function onPublicRequest(req, res) {
  if (req.headers["x-mayak-page-render"] !== undefined) {
    const internal = req.headers["x-mayak-page-render"] === RENDER_TOKEN;
    delete req.headers["x-mayak-page-render"];
    if (!internal) delete req.headers["x-prerender-revalidate"];
    guard(req, res);
    onRequest(req, res, internal);
    return;
  }
  // The hit path reads the headers and writes a ready answer: no deleting (a deleted property slows every later
  // read of the object) unless the header is there, no parsing of the address beyond a lookup.
  const headers = req.headers;
  if (headers["x-prerender-revalidate"] !== undefined) delete headers["x-prerender-revalidate"];
  const url = req.url;
  if (url.startsWith(FLIGHT_PREFIX)) {
    pages.handleFlight(req, res);
    return;
  }
  // A cached page's address is letters, digits, dashes and slashes only (lib/page-cache-targets.mjs): no other check.
  const target = handle ? pageTarget(req.method, url, headers) : null;
  if (target) {
    const answered = pages.handle(req, res, target);
    if (answered === true) return;
    answered.then(
      (ok) => {
        if (ok) return;
        guard(req, res);
        onRequest(req, res);
      },
      (err) => fail(res, err),
    );
    return;
  }
  guard(req, res);
  onRequest(req, res);
}

const server = http.createServer(renderProcess ? onRenderRequest : onPublicRequest);
// Next's own host stays "localhost" whatever interface we listen on: Next builds the URL that proxy.ts sees
// with "localhost" and treats a rewrite to any other host as external (proxying it to itself, where it
// would meet the /en/… redirect: every page would answer 308).
// The render process tells Next the serving process's port: the addresses it renders are that server's.
const nextPort = renderProcess ? Number(process.env.PORT) : port;
const app = next({ dev: false, dir: import.meta.dirname, hostname: "localhost", port: nextPort, httpServer: server });
let handle;
const prepared = app.prepare().then(() => {
  handle = app.getRequestHandler();
});

function onRequest(req, res, internal = false) {
  stampClientIp(req, trustedProxies);
  // Next takes the nonce of a page from the request's policy: only proxy.ts may set one.
  delete req.headers["content-security-policy"];
  delete req.headers["content-security-policy-report-only"];
  // A path Next cannot decode would get an empty 500 from it: a 400 that says why, here.
  const bad = badRequestTarget(req.url);
  if (bad) {
    send(res, badRequestAnswer(req.url, bad));
    return;
  }
  if (!handle) {
    // Held until Next is ready (as `next start` does), rather than refused.
    prepared.then(
      () => onRequest(req, res, internal),
      (err) => fail(res, err),
    );
    return;
  }
  const fast = req.method === "GET" && req.url.startsWith("/api/trpc/inbox.") ? globalThis[TRPC_FAST] : undefined;
  if (fast) {
    fast(req.url, toHeaders(req.headers)).then(
      (answer) => (answer ? send(res, answer) : handle(req, res)),
      (err) => fail(res, err),
    );
    return;
  }
  const search = req.method === "GET" && isSearchPath(req.url) ? globalThis[SEARCH_HTTP] : undefined;
  if (!search) {
    handle(req, res);
    return;
  }
  search(req.url, toHeaders(req.headers)).then(
    (answer) => send(res, answer),
    (err) => fail(res, err),
  );
}

/** The id Next's on-demand revalidation expects (prerender-manifest.json), or undefined. */
function readPreviewModeId(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "prerender-manifest.json"), "utf8")).preview?.previewModeId;
  } catch {
    return undefined;
  }
}

/** An answer made here, outside Next (the guard adds the security headers). */
function send(res, answer) {
  for (const key in answer.headers) res.setHeader(key, answer.headers[key]);
  res.statusCode = answer.status;
  res.end(answer.body);
}

/** Exactly /api/search, with or without a query. */
function isSearchPath(url) {
  const q = url.indexOf("?");
  return (q < 0 ? url : url.slice(0, q)) === "/api/search";
}

function toHeaders(raw) {
  const h = new Headers();
  for (const key in raw) {
    const v = raw[key];
    if (typeof v === "string") h.set(key, v);
    else if (Array.isArray(v)) for (const item of v) h.append(key, item);
  }
  return h;
}

function fail(res, err) {
  console.error("[mayak] request failed:", err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.end("Internal Server Error");
}

server.on("error", (err) => {
  console.error(`[mayak] cannot listen on ${bindHost ?? "*"}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(port, bindHost, () => {
  const addr = server.address();
  if (renderProcess) {
    // Ready for renders once Next is: the serving process sends them here from then on.
    prepared.then(() => process.send?.({ ready: addr.port }));
    return;
  }
  // The app reaches its own server (the internal revalidation endpoint) on this port, whatever set it.
  process.env.PORT = String(addr.port);
  const shown = !bindHost || bindHost === "0.0.0.0" || bindHost === "::" ? "localhost" : bindHost;
  console.log(`[mayak] listening on http://${shown.includes(":") ? `[${shown}]` : shown}:${addr.port}`);
});
prepared.catch((err) => {
  console.error("[mayak] cannot start Next.js:", err);
  process.exit(1);
});

// Graceful stop, as `next start` does it: no new connections, finish the requests in flight, stop the app's
// job worker (it releases its leases; server/boot.ts hands over the function), let Next clean up, then exit
// with the signal's code.
globalThis[Symbol.for("mayak.serverOwnsExit")] = true;
let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  // Renders still under way there fail, and their visitors get the page through Next here.
  const rendersStopped = renders.stop();
  server.close(async () => {
    await rendersStopped;
    const stopJobs = globalThis[Symbol.for("mayak.stopJobs")];
    if (stopJobs) await Promise.resolve(stopJobs()).catch((err) => console.error(err));
    await app.close().catch((err) => console.error(err));
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
  server.closeIdleConnections();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
// The render process ends with the server that started it, however that one ended.
if (renderProcess) process.on("disconnect", () => stop("SIGTERM"));
