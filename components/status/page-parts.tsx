import type { Locale, Translator } from "@/lib/i18n";

/** The uptime formula, stated on the page in plain words. */
export function UptimeFormula({ t }: { t: Translator }) {
  return (
    <section aria-labelledby="formula-heading" className="rounded-lg border border-slate-200 bg-slate-50 p-5">
      <h2 id="formula-heading" className="text-xl font-semibold">
        {t("status.formula.heading")}
      </h2>
      <div className="mt-2 max-w-3xl space-y-2 text-slate-800">
        <p>{t("status.formula.checks")}</p>
        <p>
          <code className="rounded bg-white px-2 py-1 text-sm text-slate-900 ring-1 ring-slate-200">{t("status.formula.expr")}</code>
        </p>
        <p>{t("status.formula.maintenance")}</p>
        <p>{t("status.formula.noData")}</p>
        <p>{t("status.formula.declared")}</p>
      </div>
    </section>
  );
}

/** RSS, Atom and JSON, in the page's language. */
export function FeedLinks({ t, locale }: { t: Translator; locale: Locale }) {
  const lang = locale === "ru" ? "?lang=ru" : "";
  return (
    <p className="mt-4 flex flex-wrap gap-4 text-sm">
      <span className="text-slate-700">{t("status.subscribe.feeds")}</span>
      <a href={`/api/status/feed.rss${lang}`} type="application/rss+xml" className="font-semibold text-blue-800 underline">
        {t("status.feed.rss")}
      </a>
      <a href={`/api/status/feed.atom${lang}`} type="application/atom+xml" className="font-semibold text-blue-800 underline">
        {t("status.feed.atom")}
      </a>
      <a href={`/api/status${lang}`} type="application/json" className="font-semibold text-blue-800 underline">
        {t("status.feed.json")}
      </a>
    </p>
  );
}
