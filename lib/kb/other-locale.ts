import type { Locale } from "@/lib/i18n";

/**
 * The help center in the other language, when a query seems written for it: mostly Cyrillic letters on the
 * English side; on the Russian side, Latin letters that found nothing (a Latin spelling of Russian, such as
 * "vzlom", is read as Russian and usually does find something).
 */
export function otherLocaleFor(q: string, locale: Locale, total: number): Locale | null {
  const cyrillic = (q.match(/[а-яё]/giu) ?? []).length;
  const latin = (q.match(/[a-z]/gi) ?? []).length;
  if (locale === "en" && cyrillic > latin) return "ru";
  if (locale === "ru" && latin > cyrillic && total === 0) return "en";
  return null;
}
