import { notFound } from "next/navigation";
import { isLocale, LOCALES, translator, type Locale } from "@/lib/i18n";
import { appUrl } from "@/server/env";
import { localePath } from "@/lib/i18n/paths";

/** For the cached public pages: the language from the URL segment, never from cookies. */
export async function publicLocale(params: Promise<{ locale: string }>): Promise<{ locale: Locale; t: ReturnType<typeof translator> }> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return { locale, t: translator(locale) };
}

/** Canonical and hreflang links of a page that exists in both languages at `paths`. */
export function alternatesFor(locale: Locale, paths: Partial<Record<Locale, string>>) {
  const base = appUrl();
  const languages: Record<string, string> = {};
  for (const l of LOCALES) if (paths[l]) languages[l] = base + paths[l];
  if (paths.en) languages["x-default"] = base + paths.en;
  return { canonical: base + (paths[locale] ?? localePath(locale, "/help")), languages };
}
