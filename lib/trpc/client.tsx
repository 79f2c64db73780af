"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@/server/trpc/root";
import { I18nProvider } from "@/lib/i18n/client";
import type { Locale } from "@/lib/i18n";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: false } } }));
  // API calls answer in the page's language (messages, field errors), whatever the language cookie says.
  const pageLocale = useRef(locale);
  useEffect(() => {
    pageLocale.current = locale;
  }, [locale]);
  // The server refuses batches of more than 20 calls (server/trpc/request-limits.ts): larger ones are split.
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/api/trpc", maxItems: 20, headers: () => ({ "x-mayak-locale": pageLocale.current }) })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
