import "server-only";
import { fileTypeFromBuffer } from "file-type";
import type { MessageKey } from "@/lib/i18n";

/** What an upload may be, decided from its bytes. Pure apart from file-type's reading of the buffer. */

/** Shown in the page (<img>): raster formats a browser decodes without running anything. Never SVG. */
const INLINE_IMAGES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", gif: "image/gif", webp: "image/webp" };

/** Accepted, and always downloaded (Content-Disposition: attachment), never shown in the page. */
const DOWNLOAD_ONLY = new Set([
  "pdf",
  "zip",
  "gz",
  "7z",
  "docx",
  "xlsx",
  "pptx",
  "odt",
  "ods",
  "mp4",
  "webm",
  "mov",
  "mp3",
  "wav",
  "heic",
  "avif",
]);

/** Text has no magic number: accepted by extension when it is UTF-8 without NUL bytes, served as text/plain. */
const TEXT_EXTENSIONS = new Set(["txt", "log", "csv", "json", "md", "har", "xml", "yaml", "yml"]);

export interface Inspected {
  contentType: string;
  /** The name to store: sanitised, with the extension the bytes are. */
  fileName: string;
  inline: boolean;
}

export type InspectResult = { ok: true; file: Inspected } | { ok: false; error: MessageKey };

export function isInlineImage(contentType: string): boolean {
  return Object.values(INLINE_IMAGES).includes(contentType);
}

function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : "";
}

/**
 * A file name safe to store, show and put in a Content-Disposition header: no folders, no control or
 * reserved characters, no leading dots, at most 120 characters with its extension kept.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let name = base
    // eslint-disable-next-line no-control-regex -- removing control and direction characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*;%]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (name.length > 120) {
    const ext = extensionOf(name);
    name = ext ? `${name.slice(0, 119 - ext.length).trimEnd()}.${ext}` : name.slice(0, 120);
  }
  return name || "file";
}

/** Replaces (or adds) the extension so the name says what the bytes are. */
function withExtension(name: string, ext: string): string {
  const current = extensionOf(name);
  if (current === ext || (ext === "jpg" && current === "jpeg")) return name;
  const stem = current ? name.slice(0, -(current.length + 1)) : name;
  return `${stem || "file"}.${ext}`;
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Checks the bytes against the accepted types; the name's extension never decides alone. */
export async function inspectUpload(rawName: string, bytes: Uint8Array): Promise<InspectResult> {
  if (bytes.length === 0) return { ok: false, error: "attachments.err.empty" };
  const name = sanitizeFileName(rawName);
  if (extensionOf(name) === "svg") return { ok: false, error: "attachments.err.svg" };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const ext = detected.ext === "jpg" ? "jpg" : detected.ext;
    if (INLINE_IMAGES[ext])
      return { ok: true, file: { contentType: INLINE_IMAGES[ext], fileName: withExtension(name, ext), inline: true } };
    if (DOWNLOAD_ONLY.has(ext))
      return { ok: true, file: { contentType: detected.mime, fileName: withExtension(name, ext), inline: false } };
    return { ok: false, error: "attachments.err.type" };
  }
  // No magic number: only text, and only under a text extension (an HTML page named .png ends here).
  if (TEXT_EXTENSIONS.has(extensionOf(name)) && isUtf8Text(bytes)) {
    return { ok: true, file: { contentType: "text/plain; charset=utf-8", fileName: name, inline: false } };
  }
  return { ok: false, error: "attachments.err.type" };
}
