import Link from "next/link";
import { Suspense } from "react";
import type { Actor } from "@/server/context";
import type { Permission } from "@/server/auth/permissions";
import { navItems } from "@/lib/nav";
import { StaffAlerts } from "./staff-alerts";
import { NotificationBell } from "./notification-bell";
import { InstantSearch } from "./instant-search";
import type { Locale, Translator } from "@/lib/i18n";
import { LocaleSwitch } from "./locale-switch";
import { SignOutButton } from "./sign-out-button";
import { HeaderShell, navLinkClass } from "./header-shell";

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
  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2"
      >
        {t("nav.skip")}
      </a>
      <HeaderShell
        labels={{ nav: t("nav.main"), menu: t("firstHour.nav.menu"), search: t("search.label") }}
        brand={
          <Link href="/" className="flex shrink-0 items-center gap-2 text-lg font-bold text-slate-900">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full bg-amber-500 shadow-[0_0_8px_2px_rgba(245,158,11,0.6)]" />
            {t("app.name")}
          </Link>
        }
        items={navItems(actor?.permissions ?? [], t, locale)}
        search={<InstantSearch />}
        tools={
          <>
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
                {actor.permissions.includes("inbox.view") && <NotificationBell />}
                <span
                  className="hidden min-w-0 max-w-36 shrink truncate text-sm text-slate-700 lg:inline"
                  data-testid="whoami"
                  title={`${actor.name} · ${t(`role.${actor.role}`)}`}
                >
                  {actor.name} · {t(`role.${actor.role}`)}
                </span>
                <SignOutButton label={t("nav.signOut")} />
              </>
            ) : (
              <>
                <Link href="/signin" className={navLinkClass}>
                  {t("nav.signIn")}
                </Link>
                <Link href="/signup" className={navLinkClass}>
                  {t("nav.signUp")}
                </Link>
              </>
            )}
          </>
        }
      />
      {actor?.permissions.includes("alert.ack") && <StaffAlerts />}
    </header>
  );
}
