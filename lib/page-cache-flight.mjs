// Next writes a page's React Server Components payload (the "flight" data React hydrates from) into the HTML as
// inline scripts. On the status page that is about half the bytes, and it repeats what the HTML already shows.
// For a cached page the cache moves it into one script file of its own, named by the hash of its bytes: the HTML
// keeps every word (the page works with scripts off), the browser fetches the script once per version (an
// immutable address) and React hydrates from the same data as before. The script is parser-blocking and stands
// where the inline scripts stood, so it runs before DOMContentLoaded, when Next stops reading the payload.
import crypto from "node:crypto";

/** Where the flight scripts are served: /_mayak/flight/<hash><page path>.js */
export const FLIGHT_PREFIX = "/_mayak/flight/";

const FLIGHT_SCRIPT =
  /<script(?: nonce="[^"]*")?>((?:\(self\.__next_f=self\.__next_f\|\|\[\]\)|self\.__next_f)\.push\([\s\S]*?\))<\/script>/g;
const FLIGHT_PATH = /^\/_mayak\/flight\/([\w-]{22})(\/[a-z0-9/-]{1,200})\.js$/;

/**
 * The page without its inline flight scripts, and those scripts as one file; null when it has none.
 * @param {Buffer} html
 * @param {string} pagePath the page's address (/status), named in the script's address
 * @returns {{ html: Buffer, script: Buffer, hash: string } | null}
 */
export function splitFlight(html, pagePath) {
  const text = html.toString("utf8");
  const scripts = [];
  let out = "";
  let last = 0;
  let at = -1;
  for (const m of text.matchAll(FLIGHT_SCRIPT)) {
    out += text.slice(last, m.index);
    if (at < 0) at = out.length;
    last = m.index + m[0].length;
    scripts.push(m[1]);
  }
  if (scripts.length === 0) return null;
  out += text.slice(last);
  const script = Buffer.from(`${scripts.join(";\n")};\n`);
  const hash = crypto.createHash("sha256").update(script).digest("base64url").slice(0, 22);
  const tag = `<script src="${FLIGHT_PREFIX}${hash}${pagePath}.js"></script>`;
  return { html: Buffer.from(out.slice(0, at) + tag + out.slice(at)), script, hash };
}

/**
 * The hash and page a flight script's address names, or null.
 * @param {string} url
 * @returns {{ hash: string, page: string } | null}
 */
export function parseFlightPath(url) {
  const m = FLIGHT_PATH.exec(url);
  return m ? { hash: m[1], page: m[2] } : null;
}
