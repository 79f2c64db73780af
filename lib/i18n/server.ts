import { headers } from "next/headers";
import { cache } from "react";
import { isLocale, translator, type Locale } from "./index";

/** The language of a signed-in page: the proxy decided it (URL, then the reader's choice) and passed it on. */
export const getLocale = cache(async (): Promise<Locale> => {
  const fromProxy = (await headers()).get("x-mayak-locale");
  return isLocale(fromProxy) ? fromProxy : "en";
});

export async function getT() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}
