import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getActor } from "@/server/auth/session";
import { isLocale, LOCALE_COOKIE, translator, type Locale } from "./index";

/** The reader's language: their explicit choice (cookie), their account's, then the browser's. */
export const getLocale = cache(async (): Promise<Locale> => {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  const actor = await getActor();
  if (actor) return actor.locale;
  const accept = (await headers()).get("accept-language") ?? "";
  return /^\s*ru\b/i.test(accept) ? "ru" : "en";
});

export async function getT() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}
