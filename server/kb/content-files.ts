import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { LOCALES } from "@/lib/i18n";
import { ZArticleFields } from "./schemas";
import type { ArticleFields } from "./write-article";

export interface ContentFile {
  path: string;
  hash: string;
  fields: ArticleFields;
}

/** Splits `---\nyaml\n---\nbody`. */
function splitFrontMatter(text: string): { data: unknown; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error("missing front matter (--- … ---)");
  return { data: parseYaml(m[1]), body: m[2].trim() + "\n" };
}

/** Reads and validates one content file; the error names the file and the field. */
export function parseContentFile(relPath: string, text: string): ContentFile {
  const kind = relPath.startsWith("faq/") ? "faq" : "article";
  const { data, body } = splitFrontMatter(text);
  const fm = (data ?? {}) as Record<string, unknown>;
  // `order` in a file is the article's position in its category.
  const parsed = ZArticleFields.safeParse({ ...fm, position: fm.order ?? fm.position, kind, body });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`${relPath}: ${issues}`);
  }
  const folderLocale = relPath.split("/")[1];
  if (parsed.data.locale !== folderLocale) throw new Error(`${relPath}: locale "${parsed.data.locale}" does not match its folder`);
  if (path.basename(relPath, ".md") !== parsed.data.slug) throw new Error(`${relPath}: the file name must be the slug`);
  return { path: relPath, hash: crypto.createHash("sha256").update(text).digest("hex"), fields: parsed.data };
}

/**
 * Every content file under `dir` (articles/<locale>/*.md and faq/<locale>/*.md), sorted by path.
 * A file that does not parse is reported, not fatal: one typo must not take the help center down.
 */
export async function readContentDir(dir: string): Promise<{ files: ContentFile[]; errors: { path: string; message: string }[] }> {
  const files: ContentFile[] = [];
  const errors: { path: string; message: string }[] = [];
  for (const kind of ["articles", "faq"]) {
    for (const locale of LOCALES) {
      const folder = path.join(dir, kind, locale);
      const names = await fs.readdir(folder).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith(".md")).sort()) {
        const rel = `${kind === "articles" ? "articles" : "faq"}/${locale}/${name}`;
        try {
          files.push(parseContentFile(rel, await fs.readFile(path.join(folder, name), "utf8")));
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          errors.push({ path: rel, message: message.startsWith(rel) ? message : `${rel}: ${message}` });
        }
      }
    }
  }
  return { files, errors };
}
