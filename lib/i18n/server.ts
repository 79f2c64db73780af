import { cookies, headers } from "next/headers";
import { cache } from "react";
import { isLocale, LOCALE_COOKIE, translator, type Locale } from "./index";

/**
 * The language of a signed-in page or an API call: pages get it from the proxy (URL, then the reader's
 * choice); API routes, which the proxy does not rewrite, read the reader's choice directly.
 */
export const getLocale = cache(async (): Promise<Locale> => {
  const fromProxy = (await headers()).get("x-mayak-locale");
  if (isLocale(fromProxy)) return fromProxy;
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(chosen) ? chosen : "en";
});

export async function getT() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}
