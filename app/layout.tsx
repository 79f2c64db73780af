import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Suspense } from "react";
import "./globals.css";
import { Providers } from "@/lib/trpc/client";
import { Header } from "@/components/header";
import { getActor } from "@/server/auth/session";
import { getT } from "@/lib/i18n/server";

export const metadata: Metadata = {
  title: { default: "Mayak Support", template: "%s · Mayak Support" },
  description: "Help center, ticket portal and status page.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, actor] = await Promise.all([getT(), getActor()]);
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <Providers locale={locale}>
          <Suspense>
            <Header actor={actor} locale={locale} t={t} />
          </Suspense>
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
            {children}
          </main>
          <footer className="border-t border-slate-200 bg-white py-4 text-center text-sm text-slate-600">
            {t("app.name")} · {t("app.tagline")}
          </footer>
        </Providers>
      </body>
    </html>
  );
}
