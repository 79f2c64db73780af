import type { Locale } from "./index";

/** Public help-center pages carry their language in the URL: /help is English, /ru/help Russian. */
export function isPublicPath(path: string): boolean {
  return /^\/(help|faq|contact|status)(\/|$|\?|#)/.test(path);
}

/** The address of `path` (written without a language) in `locale`. */
export function localePath(locale: Locale, path: string): string {
  return locale === "ru" && isPublicPath(path) ? `/ru${path}` : path;
}

/** The path without its /ru prefix. */
export function barePath(path: string): string {
  return path.replace(/^\/ru(?=\/|$|\?)/, "") || "/";
}
