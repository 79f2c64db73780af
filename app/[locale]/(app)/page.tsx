import Link from "next/link";
import { getActor } from "@/server/auth/session";
import { can } from "@/server/auth/permissions";
import { getT } from "@/lib/i18n/server";
import { buttonClass, Card, secondaryButtonClass } from "@/components/ui";
import { HelpSearchForm } from "@/components/help-search-form";
import { localePath } from "@/lib/i18n/paths";

export default async function HomePage() {
  const [{ t, locale }, actor] = await Promise.all([getT(), getActor()]);
  const staff = can(actor, "inbox.view");
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-gradient-to-br from-slate-900 to-blue-900 px-6 py-12 text-white sm:px-10">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t("home.title")}</h1>
        <p className="mt-3 max-w-2xl text-lg text-blue-100">{t("home.lead")}</p>
        <HelpSearchForm locale={locale} label={t("search.label")} placeholder={t("search.placeholder")} submit={t("search.submit")} />
        <div className="mt-6 flex flex-wrap gap-3">
          {staff ? (
            <Link href="/inbox" className="rounded-md bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-blue-50">
              {t("home.openInbox")}
            </Link>
          ) : (
            <>
              <Link href="/tickets/new" className="rounded-md bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-blue-50">
                {t("home.fileTicket")}
              </Link>
              <Link href="/tickets" className="rounded-md border border-white/60 px-4 py-2 font-semibold text-white hover:bg-white/10">
                {t("home.myTickets")}
              </Link>
            </>
          )}
        </div>
      </section>
      <div className="grid gap-4 md:grid-cols-3">
        {(["tickets", "hours", "security"] as const).map((k) => (
          <Card key={k}>
            <h2 className="text-lg font-semibold">{t(`home.cards.${k}.title`)}</h2>
            <p className="mt-2 text-slate-700">{t(`home.cards.${k}.body`)}</p>
          </Card>
        ))}
      </div>
      <p className="flex flex-wrap gap-6">
        <Link href={localePath(locale, "/help")} className="font-semibold text-blue-800 underline">
          {t("nav.help")}
        </Link>
        <Link href={localePath(locale, "/faq")} className="font-semibold text-blue-800 underline">
          {t("help.faqLink")}
        </Link>
        <Link href={localePath(locale, "/contact")} className="font-semibold text-blue-800 underline">
          {t("contact.title")}
        </Link>
      </p>
      {!actor && (
        <p className="flex flex-wrap gap-3">
          <Link href="/signin" className={buttonClass}>
            {t("nav.signIn")}
          </Link>
          <Link href="/signup" className={secondaryButtonClass}>
            {t("nav.signUp")}
          </Link>
        </p>
      )}
    </div>
  );
}
