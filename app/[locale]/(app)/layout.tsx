import type { ReactNode } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { Header } from "@/components/header";
import { getActor } from "@/server/auth/session";
import { requireSecondFactorIfDue } from "@/server/auth/guard";
import { permissionsOf } from "@/server/auth/permissions";
import { LOCALE_COOKIE, translator, type Locale } from "@/lib/i18n";

// Per request: these pages depend on who is signed in.
export const dynamic = "force-dynamic";

/** Signed-in pages: rendered per request, with navigation that fits the role. */
export default async function AppLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const locale = (await params).locale as Locale;
  const [actor, jar] = await Promise.all([getActor(), cookies()]);
  // A new browser: follow the language saved on the account until this browser makes its own choice.
  if (actor && actor.locale !== locale && !jar.get(LOCALE_COOKIE)) {
    const back = (await headers()).get("x-mayak-path") ?? "/";
    redirect(`/api/locale?to=${actor.locale}&back=${encodeURIComponent(back)}`);
  }
  // A role that requires a second factor: nothing but its setup until it is done (the API refuses the rest).
  if (actor) await requireSecondFactorIfDue(actor);
  return (
    <>
      <Header actor={actor && { ...actor, permissions: permissionsOf(actor) }} locale={locale} t={translator(locale)} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </>
  );
}
