// The security headers server.mjs puts on every response, decided when the response's own headers are known
// (lib/security-headers.mjs has the policies):
// - HTML with a nonce policy from proxy.ts, rendered for this request: passed through as it streams.
// - HTML from Next's cache (x-nextjs-cache), or HTML without a nonce: held until complete, then sent with a
//   policy listing the SHA-256 of each inline script Next appended to it. The hashes of a page are computed
//   once and kept with its bytes: the next response with the same bytes (a cache hit) only compares them.
// - Anything else: RESOURCE_POLICY.
// Strict-Transport-Security and the common headers go on every response.
import crypto from "node:crypto";
import zlib from "node:zlib";
import { RESOURCE_POLICY, commonHeaders, documentPolicy, strictTransportSecurity } from "./security-headers.mjs";

const SCRIPT_OPEN = Buffer.from("<script");
const SCRIPT_CLOSE = Buffer.from("</script>");
const BODY_CLOSE = Buffer.from("</body>");
const GT = 0x3e;

const isSpace = (b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c;

const DIV_CLOSE = Buffer.from("</div>");
const SEGMENT_OPEN = Buffer.from('<div hidden id="S:');

/**
 * Where the streamed segment ending at `end` starts, or -1. A page rendered per request streams the parts
 * that were not ready (Suspense boundaries) after the rest, each in a `<div hidden id="S:n">` that a script
 * of React's then moves into place. Only a whole, balanced segment counts.
 */
function streamedSegmentStart(buf, end) {
  const closeAt = end - DIV_CLOSE.length;
  if (closeAt < 0 || buf.compare(DIV_CLOSE, 0, DIV_CLOSE.length, closeAt, end) !== 0) return -1;
  const start = buf.lastIndexOf(SEGMENT_OPEN, closeAt);
  if (start < 0) return -1;
  const text = buf.toString("latin1", start, end);
  const opens = (text.match(/<div[\s>]/g) ?? []).length;
  const closes = (text.match(/<\/div>/g) ?? []).length;
  return opens === closes ? start : -1;
}

/**
 * The CSP sources ('sha256-…') of the inline scripts at the end of an HTML document: the run of <script>
 * elements just before </body>, where Next puts its bootstrap and its data (self.__next_f.push). Only that
 * run is read, stepping over the segments React streams late (`<div hidden id="S:n">`, whose markup is not
 * read either). A <script> anywhere inside the page's markup, where rendered content lives, is never hashed:
 * if some text ever slipped one past the sanitiser, the browser would still refuse to run it.
 * Each hash covers the exact bytes between the tag and </script>, as the browser hashes the script's text.
 */
export function inlineScriptHashes(html) {
  const buf = typeof html === "string" ? Buffer.from(html) : html;
  let pos = buf.lastIndexOf(BODY_CLOSE);
  if (pos < 0) pos = buf.length;
  const hashes = [];
  for (;;) {
    while (pos > 0 && isSpace(buf[pos - 1])) pos--;
    const segment = streamedSegmentStart(buf, pos);
    if (segment >= 0) {
      // A part of the page React streamed late: its markup is not hashed, the scripts around it are.
      pos = segment;
      continue;
    }
    const closeAt = pos - SCRIPT_CLOSE.length;
    if (closeAt < 0 || buf.compare(SCRIPT_CLOSE, 0, SCRIPT_CLOSE.length, closeAt, pos) !== 0) break;
    const start = buf.lastIndexOf(SCRIPT_OPEN, closeAt - 1);
    if (start < 0) break;
    const after = buf[start + SCRIPT_OPEN.length];
    if (after !== GT && !isSpace(after)) break;
    const tagEnd = buf.indexOf(GT, start);
    if (tagEnd < 0 || tagEnd >= closeAt) break;
    const attributes = buf.toString("latin1", start + SCRIPT_OPEN.length, tagEnd);
    if (!/\ssrc\s*=/i.test(attributes) && closeAt > tagEnd + 1) {
      const digest = crypto
        .createHash("sha256")
        .update(buf.subarray(tagEnd + 1, closeAt))
        .digest("base64");
      hashes.push(`'sha256-${digest}'`);
    }
    pos = start;
  }
  return hashes.reverse();
}

function decode(body, encoding) {
  if (!encoding || encoding === "identity") return body;
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.gunzipSync(body);
  if (encoding === "br") return zlib.brotliDecompressSync(body);
  if (encoding === "deflate") return zlib.inflateSync(body);
  if (encoding === "zstd" && typeof zlib.zstdDecompressSync === "function") return zlib.zstdDecompressSync(body);
  throw new Error(`unknown content encoding: ${encoding}`);
}

/**
 * The policies of cached pages, kept with the bytes they were computed from (as sent, compressed or not),
 * up to `maxBytes` of bodies in all, least recently used out first. A page whose bytes changed (it was
 * rendered again) gets its hashes computed again.
 */
export class HashedPolicyCache {
  constructor(maxBytes = 32 * 1024 * 1024) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    this.entries = new Map();
    this.hits = 0;
    this.misses = 0;
  }

  policy(key, body, encoding) {
    const entry = this.entries.get(key);
    if (entry && (entry.body === body || entry.body.equals(body))) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.policy;
    }
    this.misses++;
    let policy;
    try {
      policy = documentPolicy({ hashes: inlineScriptHashes(decode(body, encoding)) });
    } catch {
      // A body that cannot be read gets no inline script at all, and nothing is kept.
      return documentPolicy();
    }
    if (entry) {
      this.entries.delete(key);
      this.bytes -= entry.body.length;
    }
    if (body.length <= this.maxBytes) {
      this.entries.set(key, { body, policy });
      this.bytes += body.length;
      for (const [oldKey, old] of this.entries) {
        if (this.bytes <= this.maxBytes) break;
        this.entries.delete(oldKey);
        this.bytes -= old.body.length;
      }
    }
    return policy;
  }
}

/**
 * Returns `guard(req, res)`, called by server.mjs before anyone writes to `res`. It hooks the response's
 * writeHead, flushHeaders, write and end (beneath Next's compression, which wraps them later, so a held body
 * is compressed already; it is decompressed only to compute hashes).
 */
export function createResponseGuard({ publicUrl, cache = new HashedPolicyCache() } = {}) {
  const always = commonHeaders.map(({ key, value }) => [key, value]);
  const hsts = strictTransportSecurity(publicUrl);
  if (hsts) always.push(["Strict-Transport-Security", hsts]);

  /** "pass" to send as it comes, "hold" to collect the body first. */
  function decide(req, res) {
    for (const [key, value] of always) res.setHeader(key, value);
    const type = res.getHeader("content-type");
    if (typeof type !== "string" || !/^text\/html\b/i.test(type)) {
      res.setHeader("Content-Security-Policy", RESOURCE_POLICY);
      return "pass";
    }
    const policy = res.getHeader("content-security-policy");
    if (typeof policy === "string" && policy.includes("'nonce-") && !res.hasHeader("x-nextjs-cache")) return "pass";
    if (req.method === "HEAD" || res.statusCode === 204 || res.statusCode === 304) {
      res.setHeader("Content-Security-Policy", documentPolicy());
      return "pass";
    }
    return "hold";
  }

  return function guard(req, res) {
    const url = req.url;
    const writeHead = res.writeHead;
    const flushHeaders = res.flushHeaders;
    const write = res.write;
    const end = res.end;
    let mode;
    let chunks = [];

    const chunkOf = (chunk, encoding) =>
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8")
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

    res.writeHead = function (statusCode, reason, headers) {
      if (mode === "hold") return this;
      if (mode === "pass") return writeHead.apply(this, arguments);
      if (typeof reason !== "string") {
        headers = reason;
        reason = undefined;
      }
      this.statusCode = statusCode;
      if (reason !== undefined) this.statusMessage = reason;
      if (Array.isArray(headers)) {
        mode = "pass";
        return writeHead.apply(this, arguments);
      }
      if (headers) for (const key of Object.keys(headers)) this.setHeader(key, headers[key]);
      mode = decide(req, this);
      return mode === "pass" ? writeHead.call(this, statusCode, reason) : this;
    };
    res.flushHeaders = function () {
      if (mode === undefined) this._implicitHeader();
      if (mode === "hold") return;
      return flushHeaders.call(this);
    };
    res.write = function (chunk, encoding, callback) {
      if (mode === undefined) this._implicitHeader();
      if (mode !== "hold") return write.apply(this, arguments);
      if (chunk != null && chunk.length) chunks.push(chunkOf(chunk, encoding));
      const cb = typeof encoding === "function" ? encoding : callback;
      if (typeof cb === "function") process.nextTick(cb);
      return true;
    };
    res.end = function (chunk, encoding, callback) {
      if (mode === undefined && !this.headersSent) this._implicitHeader();
      if (mode !== "hold") return end.apply(this, arguments);
      if (typeof chunk === "function") {
        callback = chunk;
        chunk = undefined;
      } else if (typeof encoding === "function") {
        callback = encoding;
        encoding = undefined;
      }
      if (chunk != null && typeof chunk !== "function" && chunk.length) chunks.push(chunkOf(chunk, encoding));
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      chunks = [];
      const contentEncoding = this.getHeader("content-encoding");
      const key = `${typeof contentEncoding === "string" ? contentEncoding : ""} ${url}`;
      this.setHeader("Content-Security-Policy", cache.policy(key, body, contentEncoding));
      mode = "pass";
      writeHead.call(this, this.statusCode);
      return end.call(this, body, callback);
    };
  };
}
