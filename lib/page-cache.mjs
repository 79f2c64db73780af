// The public pages served from memory (server.mjs): the status page and its feeds, badge and JSON, the help
// center and the FAQ, for anonymous visitors. Each page is rendered by Next once per change (an internal
// request without cookies), kept as ready bytes (identity, gzip and brotli) with a strong ETag and its
// Content-Security-Policy (the hashes of its inline scripts), and sent as is: no Next router, no React, no
// database on the way.
//
// Freshness. The app tells the cache that an area changed (`invalidate(area)`: server/page-cache watches the
// database, where every instance's changes are counted, so each instance hears of every change). From that
// moment its pages are stale: they are still sent for at most `staleMs` while they are rendered again, after
// which a request waits for a render that started after the change. So no page is sent that is older than
// `staleMs` after the change was heard, and none is ever sent half-rendered: a render replaces the bytes only
// once it is complete and answered 200; anything else is passed on to the waiting requests and not kept.
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";
import { promisify } from "node:util";
import { RESOURCE_POLICY, commonHeaders, documentPolicy, strictTransportSecurity } from "./security-headers.mjs";
import { inlineScriptHashes } from "./response-security.mjs";
import { etagMatches, pickEncoding } from "./page-cache-targets.mjs";
import { parseFlightPath, splitFlight } from "./page-cache-flight.mjs";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Headers of a rendered answer that are kept with its bytes; the rest (cookies, Next's own) are dropped. */
const KEPT_HEADERS = ["content-type", "location", "access-control-allow-origin", "content-language", "x-robots-tag", "link"];

/** What a CDN in front may do with a cached answer: hold it a few seconds, then ask again (a 304 when unchanged). */
export const CACHE_CONTROL = "public, max-age=0, s-maxage=5, stale-while-revalidate=5";
/** A page's flight script: its address names its bytes, so anyone may keep it. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** How long a page's previous flight script is still served after a new version replaced it (pages read just before). */
export const FLIGHT_GRACE_MS = 60_000;
/**
 * The freshness promise: a change reaches this cache within POLL_MS (server/page-cache/watch.ts); the old page
 * is sent for at most STALE_MS more while the new one renders, then requests wait for it, and only on a
 * machine so loaded that a render takes longer still does a request get the previous page, after MAX_WAIT_MS
 * (counted in stats.late). POLL_MS + STALE_MS + MAX_WAIT_MS stays under the 2 s promised (watch.test.ts).
 */
export const STALE_MS = 1000;
export const MAX_WAIT_MS = 600;
/** A render slower than this is logged. */
const SLOW_RENDER_MS = 1000;

/**
 * @typedef {{ status: number, headers: Record<string, string | string[] | undefined>, body: Buffer }} Rendered
 * @typedef {import("./page-cache-targets.mjs").PageTarget} PageTarget
 */

/**
 * The bytes of one answer in every encoding, with the header lists to send them (built once).
 * @param {Rendered} r
 * @param {{ html: boolean, vary: string, always: [string, string][], cacheControl?: string }} opts
 */
export async function prepareAnswer(r, { html, vary, always, cacheControl = CACHE_CONTROL }) {
  const identity = r.body;
  const [gz, br] = await Promise.all([
    gzip(identity, { level: 9 }),
    brotli(identity, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
  ]);
  const base = crypto.createHash("sha256").update(identity).digest("base64url").slice(0, 27);
  const type = String(r.headers["content-type"] ?? "application/octet-stream");
  const policy = /^text\/html\b/i.test(type) ? documentPolicy({ hashes: inlineScriptHashes(identity) }) : RESOURCE_POLICY;
  const kept = [];
  for (const name of KEPT_HEADERS) {
    const v = r.headers[name];
    if (typeof v === "string") kept.push([name, v]);
  }
  const common = [...always, ["Content-Security-Policy", policy], ["Cache-Control", cacheControl], ["Vary", vary], ...kept];
  /** @param {Buffer} body @param {string | null} encoding @param {string} etag */
  const variant = (body, encoding, etag) => {
    /** @type {[string, string][]} */
    const headers = [
      ...common,
      ["ETag", etag],
      ["Content-Length", String(body.length)],
      ...(encoding ? [["Content-Encoding", encoding]] : []),
      ["X-Page-Cache", "hit"],
    ];
    return { body, etag, headers, withVisitor: html ? [...headers, ["Set-Cookie", ""]] : headers };
  };
  return {
    status: r.status,
    html,
    base,
    bytes: identity.length + gz.length + br.length,
    identity: variant(identity, null, `"${base}"`),
    gzip: variant(gz, "gzip", `"${base}-gz"`),
    br: variant(br, "br", `"${base}-br"`),
    notModified: common.filter(([k]) => k !== "Content-Security-Policy"),
  };
}

/** A new visitor id, as proxy.ts gives one on the pages it sees (the help center's analytics count visitors). */
function visitorCookie() {
  return `mayak-vid=${crypto.randomUUID()}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`;
}
const VISITOR_COOKIE = /(?:^|;)\s*mayak-vid=/;

export class PageCache {
  /**
   * @param {{
   *   render: (target: PageTarget) => Promise<Rendered>,
   *   now?: () => number,
   *   staleMs?: number,
   *   hotMs?: number,
   *   maxBytes?: number,
   *   maxRenders?: number,
   *   maxWaitMs?: number,
   *   publicUrl?: string,
   *   logError?: (message: string, err: unknown) => void,
   *   logWarn?: (message: string) => void,
   *   splitFlight?: (target: PageTarget) => boolean,
   * }} opts
   */
  constructor(opts) {
    this.render = opts.render;
    this.now = opts.now ?? Date.now;
    this.staleMs = opts.staleMs ?? 1500;
    /** Pages asked for within this time are rendered again at once after a change; the others on their next visit. */
    this.hotMs = opts.hotMs ?? 30_000;
    this.maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
    this.maxRenders = opts.maxRenders ?? 2;
    /**
     * How long a request waits for the render after a change before it gets the previous page: only when
     * rendering takes longer than the stale window plus this (an overloaded machine). 0: wait for it.
     */
    this.maxWaitMs = opts.maxWaitMs ?? 0;
    this.logError = opts.logError ?? ((m, e) => console.error(m, e));
    this.logWarn = opts.logWarn ?? ((m) => console.warn(m));
    /** Which pages send their flight data as a script of its own (lib/page-cache-flight.mjs). */
    this.splitFlight = opts.splitFlight ?? (() => false);
    /** @type {Map<string, { key: string, answer: any, retiredAt: number | null }>} flight scripts by hash */
    this.flights = new Map();
    /** @type {[string, string][]} */
    this.always = commonHeaders.map(({ key, value }) => [key, value]);
    const hsts = strictTransportSecurity(opts.publicUrl);
    if (hsts) this.always.push(["Strict-Transport-Security", hsts]);
    /** @type {Map<string, any>} key -> entry */
    this.entries = new Map();
    this.bytes = 0;
    this.running = 0;
    /** Orders the entries by their last use. */
    this.uses = 0;
    /** Orders the changes heard and the renders begun. */
    this.seq = 0;
    /** How many changes were heard in each area (a render tells the render process which one it renders after). */
    this.generation = { status: 0, help: 0 };
    /** @type {(() => void)[]} */
    this.queue = [];
    this.stats = { hits: 0, stale: 0, waits: 0, late: 0, renders: 0, failures: 0, renderMsMax: 0 };
  }

  /**
   * Answers a request for `target` from memory. Returns true when answered at once, a promise when the answer
   * waits for a render (resolving to false if that render failed: the caller passes the request to Next).
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {PageTarget} target
   * @returns {true | Promise<boolean>}
   */
  handle(req, res, target) {
    const now = this.now();
    let e = this.entries.get(target.key);
    if (e === undefined) {
      // changes: the changes heard that the bytes do not cover yet ({ seq, at }); staleSince: when the first was heard.
      e = { target, answer: null, changes: [], staleSince: null, flight: null, next: null, lastHit: now, used: 0, refreshDue: false };
      this.entries.set(target.key, e);
    } else e.lastHit = now;
    // The least recently used go first when memory runs short (evict).
    e.used = ++this.uses;
    if (e.answer) {
      if (e.staleSince === null) {
        this.stats.hits++;
        if (e.refreshDue) {
          e.refreshDue = false;
          this.renderAfter(e, -Infinity);
        }
        this.send(req, res, e.answer);
        return true;
      }
      if (now - e.staleSince < this.staleMs) {
        this.stats.stale++;
        this.renderAfter(e, e.changes[e.changes.length - 1].seq);
        this.send(req, res, e.answer);
        return true;
      }
    }
    this.stats.waits++;
    // A render that began after the last change heard; without one, any render will do, even one under way.
    const fresh = this.renderAfter(e, e.changes.length ? e.changes[e.changes.length - 1].seq : -Infinity);
    const previous = e.answer;
    if (!previous || !(this.maxWaitMs > 0)) return fresh.then((answer) => this.sendIf(req, res, answer));
    // Overloaded (a render slower than the stale window plus this wait): the previous page rather than a hang.
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.stats.late++;
        resolve(this.sendIf(req, res, previous));
      }, this.maxWaitMs);
      fresh.then((answer) => {
        clearTimeout(timer);
        resolve(this.sendIf(req, res, answer));
      });
    });
  }

  sendIf(req, res, answer) {
    if (!answer || res.headersSent) return !!answer || res.headersSent;
    this.send(req, res, answer);
    return true;
  }

  /**
   * Everything in `area` changed (or time moved on): its pages are stale from now. Pages visited lately are
   * rendered again at once.
   * @param {"status" | "help"} area
   */
  invalidate(area) {
    const now = this.now();
    const seq = ++this.seq;
    this.generation[area]++;
    for (const e of this.entries.values()) {
      if (e.target.area !== area) continue;
      e.changes.push({ seq, at: now });
      if (e.staleSince === null) e.staleSince = now;
      if (e.answer && now - e.lastHit < this.hotMs) this.renderAfter(e, seq);
      else if (e.answer && !e.flight) this.drop(e);
    }
  }

  /**
   * Time moved on (the uptime figures, "updated at"): pages visited lately are rendered again, and the old
   * bytes are sent until the new ones are ready. Nothing changed, so nobody waits.
   * @param {"status" | "help"} area
   */
  refresh(area) {
    const now = this.now();
    for (const e of this.entries.values()) {
      if (e.target.area !== area || !e.answer) continue;
      // A page nobody asked for lately is rendered on its next visit, which still gets the old bytes.
      if (now - e.lastHit < this.hotMs) this.renderAfter(e, -Infinity);
      else e.refreshDue = true;
    }
  }

  /** Forgets a page's bytes (it is rendered on its next visit). */
  drop(e) {
    if (e.answer) this.bytes -= e.answer.bytes;
    this.retireFlight(e.answer);
    e.answer = null;
    if (!e.flight) this.entries.delete(e.target.key);
  }

  /**
   * A render of the entry that begins after the change numbered `since`: the one in flight if it began late enough, else
   * one queued behind it (one at most per entry, shared by everyone who needs it).
   * @returns {Promise<any>} the answer, or null when the render failed
   */
  renderAfter(e, since) {
    if (e.flight && e.flight.seq > since) return e.flight.promise;
    if (!e.flight) return this.startRender(e).promise;
    e.next ??= e.flight.promise.then(() => {
      e.next = null;
      return (e.flight ?? this.startRender(e)).promise;
    });
    return e.next;
  }

  startRender(e) {
    // seq: its place among the changes heard, given when it begins (a render still queued begins after them all).
    const flight = { seq: Infinity, promise: /** @type {Promise<any>} */ (Promise.resolve(null)) };
    e.flight = flight;
    flight.promise = this.slot()
      .then(async () => {
        // The render starts now: it sees every change heard before this moment.
        flight.seq = ++this.seq;
        this.stats.renders++;
        const began = performance.now();
        let rendered = await this.render(e.target);
        const took = performance.now() - began;
        this.stats.renderMsMax = Math.max(this.stats.renderMsMax, took);
        // Seen by whoever runs the server: a render this slow leaves visitors the previous page for longer.
        if (took > SLOW_RENDER_MS) this.logWarn(`[mayak] page cache: rendering ${e.target.path} took ${Math.round(took)} ms`);
        const split = rendered.status === 200 && this.splitFlight(e.target) ? splitFlight(rendered.body, e.target.path) : null;
        if (split) rendered = { ...rendered, body: split.html };
        const vary = e.target.html ? "Accept-Encoding" : e.target.accept ? "Accept, Accept-Encoding" : "Accept-Encoding";
        const answer = await prepareAnswer(rendered, { html: e.target.html, vary, always: this.always });
        if (split) {
          const script = { status: 200, headers: { "content-type": "text/javascript; charset=utf-8" }, body: split.script };
          answer.flight = {
            hash: split.hash,
            answer: await prepareAnswer(script, { html: false, vary: "Accept-Encoding", always: this.always, cacheControl: IMMUTABLE }),
          };
          answer.bytes += answer.flight.answer.bytes;
        }
        return answer;
      })
      .then(
        (answer) => {
          if (answer.status !== 200) return answer; // sent to those waiting, never kept
          if (e.answer) this.bytes -= e.answer.bytes;
          this.retireFlight(e.answer);
          this.keepFlight(e.target.key, answer);
          e.answer = answer;
          // Stale still if a change was heard after this render began.
          e.changes = e.changes.filter((c) => c.seq > flight.seq);
          e.staleSince = e.changes[0]?.at ?? null;
          this.bytes += answer.bytes;
          if (!this.entries.has(e.target.key)) this.entries.set(e.target.key, e);
          this.evict();
          return answer;
        },
        (err) => {
          this.stats.failures++;
          this.logError(`[mayak] page cache: rendering ${e.target.path} failed; Next answers it meanwhile`, err);
          return null;
        },
      )
      .finally(() => {
        if (e.flight === flight) e.flight = null;
        this.release();
        if (!e.answer && !e.next && this.entries.get(e.target.key) === e) this.entries.delete(e.target.key);
      });
    return flight;
  }

  /** Serves a page's new flight script from now on (and forgets the scripts retired long enough ago). */
  keepFlight(key, answer) {
    const now = this.now();
    for (const [hash, f] of this.flights) if (f.retiredAt !== null && now - f.retiredAt > FLIGHT_GRACE_MS) this.flights.delete(hash);
    if (answer.flight) this.flights.set(answer.flight.hash, { key, answer: answer.flight.answer, retiredAt: null });
  }

  /** A page's bytes were replaced or dropped: its flight script stays FLIGHT_GRACE_MS for those who read it just before. */
  retireFlight(answer) {
    const f = answer?.flight && this.flights.get(answer.flight.hash);
    if (f && f.retiredAt === null) f.retiredAt = this.now();
  }

  /**
   * Answers GET /_mayak/flight/<hash><page>.js: the flight script of that version of the page; for a version
   * this instance does not have (another instance rendered it, or it was retired), the page's current one, not
   * to be kept (React then renders that part afresh in the browser); 404 when the page is not in memory.
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   */
  handleFlight(req, res) {
    const named = req.method === "GET" || req.method === "HEAD" ? parseFlightPath(req.url ?? "") : null;
    const kept = named && this.flights.get(named.hash);
    if (kept) return this.send(req, res, kept.answer);
    const current = named && this.entries.get(named.page)?.answer?.flight;
    if (current) return this.send(req, res, current.answer, "no-store");
    res.writeHead(404, [
      ...this.always,
      ["Content-Security-Policy", RESOURCE_POLICY],
      ["Cache-Control", "no-store"],
      ["Content-Type", "text/plain; charset=utf-8"],
    ]);
    res.end(req.method === "HEAD" ? undefined : "Not found");
  }

  /** At most `maxRenders` renders at once: a burst of new pages must not take every CPU from the answers. */
  slot() {
    if (this.running < this.maxRenders) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve)).then(() => {
      this.running++;
    });
  }

  release() {
    this.running--;
    this.queue.shift()?.();
  }

  /** Drops the least recently asked for pages until the bytes kept fit the budget. */
  evict() {
    if (this.bytes <= this.maxBytes) return;
    const kept = [...this.entries.values()].filter((e) => e.answer).sort((a, b) => a.used - b.used);
    for (const e of kept) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(e);
    }
  }

  /**
   * Sends an answer in the encoding the client takes, or 304 when it already has these bytes. The hit path: the
   * header lists are built once per answer (prepareAnswer), and a request only picks one.
   */
  send(req, res, answer, cacheControl = null) {
    const h = req.headers;
    const inm = h["if-none-match"];
    if (inm !== undefined && answer.status === 200 && etagMatches(inm, answer.base)) {
      const v = answer[pickEncoding(h["accept-encoding"])];
      const kept = cacheControl
        ? answer.notModified.map(([k, val]) => [k, k === "Cache-Control" ? cacheControl : val])
        : answer.notModified;
      res.writeHead(304, [...kept, ["ETag", v.etag]]);
      res.end();
      return;
    }
    let headers;
    let v;
    if (answer.status !== 200) {
      v = answer.identity;
      headers = v.headers.map(([k, val]) => (k === "Cache-Control" ? [k, "no-store"] : [k, val]));
    } else {
      v = answer[pickEncoding(h["accept-encoding"])];
      headers = cacheControl ? v.headers.map(([k, val]) => (k === "Cache-Control" ? [k, cacheControl] : [k, val])) : v.headers;
    }
    const cookie = h.cookie;
    if (answer.html && (cookie === undefined || !VISITOR_COOKIE.test(cookie))) {
      // A new visitor: the same list with a Set-Cookie slot at its end, filled for this answer (writeHead copies it at once).
      if (headers === v.headers) {
        headers = v.withVisitor;
        headers[headers.length - 1][1] = visitorCookie();
      } else headers = [...headers, ["Set-Cookie", visitorCookie()]];
    }
    res.writeHead(answer.status, headers);
    if (req.method === "HEAD") res.end();
    else res.end(v.body);
  }
}
