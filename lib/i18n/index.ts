import { en, type MessageKey } from "./en";
import { ru } from "./ru";

export type Locale = "en" | "ru";
export type { MessageKey };
export const LOCALES = ["en", "ru"] as const satisfies readonly Locale[];
export const LOCALE_COOKIE = "mayak-locale";

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, ru };

export function isLocale(v: unknown): v is Locale {
  return v === "en" || v === "ru";
}

/** One translated string, with `{name}` placeholders filled in. Unknown keys fall back to English, then the key. */
export function translate(locale: Locale, key: MessageKey | (string & {}), vars?: Record<string, string | number>): string {
  const dict = dictionaries[locale] ?? en;
  let text = (dict as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key;
  if (vars) text = text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  return text;
}

export type Translator = (key: MessageKey | (string & {}), vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translator {
  return (key, vars) => translate(locale, key, vars);
}

export function formatDate(locale: Locale, ms: number): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(ms));
}

export function formatDateTime(locale: Locale, ms: number): string {
  return (
    new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "UTC",
    }).format(new Date(ms)) + " UTC"
  );
}

/** An error sentence by key, in English: what the API says by default and what the code reads. */
export function msg(key: MessageKey): string {
  return en[key];
}

let englishToKey: Map<string, MessageKey> | undefined;

/** Puts an English error sentence (from msg()) into the reader's language; unknown text passes through. */
export function localizeMessage(locale: Locale, text: string): string {
  if (locale === "en") return text;
  englishToKey ??= new Map(Object.entries(en).map(([k, v]) => [v as string, k as MessageKey]));
  const key = englishToKey.get(text);
  return key ? translate(locale, key) : text;
}
