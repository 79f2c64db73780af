import Link from "next/link";
import { Suspense } from "react";
import type { Actor } from "@/server/context";
import type { Permission } from "@/server/auth/permissions";
import { navLinks } from "@/lib/nav";
import { StaffAlerts } from "./staff-alerts";
import { InstantSearch } from "./instant-search";
import type { Locale, Translator } from "@/lib/i18n";
import { LocaleSwitch } from "./locale-switch";
import { SignOutButton } from "./sign-out-button";

const linkClass = "whitespace-nowrap rounded-md px-2.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";

/**
 * Navigation that fits the role: customers see their tickets, staff the inbox, admins the admin pages.
 * Rendered on the server and in the browser (the public header), so it gets the actor's permissions rather
 * than the catalog.
 */
export function Header({
  actor,
  locale,
  t,
  alternates,
}: {
  actor: (Pick<Actor, "role" | "name"> & { permissions: readonly Permission[] }) | null;
  locale: Locale;
  t: Translator;
  alternates?: Partial<Record<Locale, string>>;
}) {
  const links = navLinks(actor?.permissions ?? [], t, locale);

  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2"
      >
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold text-slate-900">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full bg-amber-500 shadow-[0_0_8px_2px_rgba(245,158,11,0.6)]" />
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")} className="order-last flex w-full flex-wrap items-center gap-1 sm:order-none sm:w-auto sm:flex-1">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className={linkClass}>
              {l.label}
            </Link>
          ))}
        </nav>
        <InstantSearch />
        <div className="ml-auto flex items-center gap-2">
          <Suspense>
            <LocaleSwitch
              locale={locale}
              label={t("locale.switch")}
              names={{ en: t("locale.en"), ru: t("locale.ru") }}
              apply={t("locale.apply")}
              alternates={alternates}
            />
          </Suspense>
          {actor ? (
            <>
              <span className="hidden text-sm text-slate-700 sm:inline" data-testid="whoami">
                {actor.name} · {t(`role.${actor.role}`)}
              </span>
              <SignOutButton label={t("nav.signOut")} />
            </>
          ) : (
            <>
              <Link href="/signin" className={linkClass}>
                {t("nav.signIn")}
              </Link>
              <Link href="/signup" className={linkClass}>
                {t("nav.signUp")}
              </Link>
            </>
          )}
        </div>
      </div>
      {actor?.permissions.includes("alert.ack") && <StaffAlerts />}
    </header>
  );
}
