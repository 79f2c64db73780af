import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import "../globals.css";
import { Providers } from "@/lib/trpc/client";
import { isLocale, translate } from "@/lib/i18n";

// Nothing is rendered at build time (there is no database then): pages render on first request, and the
// static ones (the help center) are then served from Next's cache until a change revalidates them.
export function generateStaticParams(): { locale: string }[] {
  return [];
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const l = isLocale(locale) ? locale : "en";
  return {
    title: { default: translate(l, "meta.siteName"), template: `%s · ${translate(l, "meta.siteName")}` },
    description: translate(l, "meta.description"),
  };
}

/**
 * The root layout is static: the language comes from the URL segment (the proxy adds it), never from
 * cookies, so public pages can be served from the cache.
 */
export default async function RootLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <Providers locale={locale}>
          {children}
          <footer className="border-t border-slate-200 bg-white py-4 text-center text-sm text-slate-600">
            {translate(locale, "app.name")} · {translate(locale, "app.tagline")}
          </footer>
        </Providers>
      </body>
    </html>
  );
}
