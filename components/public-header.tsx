"use client";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import type { Locale } from "@/lib/i18n";
import { Header } from "./header";

type Alternates = Partial<Record<Locale, string>>;
const AlternatesContext = createContext<{ value: Alternates; set: (a: Alternates) => void }>({ value: {}, set: () => {} });

/**
 * The header of the cached public pages: the page itself is the same for everyone, so who is signed in
 * is asked from the browser after it loads.
 */
export function PublicHeader({ children }: { children: ReactNode }) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions(undefined, { staleTime: 60_000 }));
  const [alternates, setAlternates] = useState<Alternates>({});
  return (
    <AlternatesContext.Provider value={{ value: alternates, set: setAlternates }}>
      <Header actor={me.data ?? null} locale={locale} t={t} alternates={alternates} />
      {children}
    </AlternatesContext.Provider>
  );
}

/** A page whose translation lives at another address says so, for the language switch. */
export function Alternates(props: Alternates) {
  const { set } = useContext(AlternatesContext);
  const { en, ru } = props;
  useEffect(() => {
    set({ en, ru });
    return () => set({});
  }, [en, ru, set]);
  return null;
}
