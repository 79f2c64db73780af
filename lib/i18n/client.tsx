"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { translator, type Locale, type Translator } from "./index";

const LocaleContext = createContext<Locale>("en");

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** The translator for client components, in the page's language. */
export function useT(): { t: Translator; locale: Locale } {
  const locale = useContext(LocaleContext);
  return useMemo(() => ({ t: translator(locale), locale }), [locale]);
}
