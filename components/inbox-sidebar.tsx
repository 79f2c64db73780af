import Link from "next/link";
import type { Translator, Locale } from "@/lib/i18n";
import { inboxHref, urlFromFilters, type InboxFilterValues, type InboxUrlState } from "@/lib/inbox-url";
import { INBOX_VIEWS } from "@/lib/tickets";

interface SavedViewLink {
  id: number;
  name: string;
  sharedWith: "personal" | "everyone" | "team";
  teamName: string | null;
  filters: InboxFilterValues;
  count: { count: number; capped: boolean } | undefined;
}

const linkClass = (active: boolean) =>
  `flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm ${active ? "bg-blue-700 font-semibold text-white" : "text-slate-800 hover:bg-slate-100"}`;

/** The views with their live counts, then the saved views with their capped counts. */
export function InboxSidebar({
  state,
  counts,
  cappedCounts = {},
  saved,
  t,
  locale,
}: {
  state: InboxUrlState;
  counts: Record<string, number>;
  /** Counts read through an index up to a cap (the SLA views): "1,000+" past it. */
  cappedCounts?: Record<string, { count: number; capped: boolean }>;
  saved: SavedViewLink[];
  t: Translator;
  locale: Locale;
}) {
  const fmt = new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-US");
  const plain = { view: state.view, sort: "urgent" as const };
  return (
    <nav aria-label={t("inbox.views")} className="space-y-4">
      <ul className="space-y-1">
        {INBOX_VIEWS.map((v) => {
          const active = !state.sv && v === state.view && !state.q;
          return (
            <li key={v}>
              <Link href={inboxHref({ ...plain, view: v })} aria-current={active ? "page" : undefined} className={linkClass(active)}>
                <span>{t(`inbox.list.view.${v}`)}</span>
                {v in counts && (
                  <span className={active ? "text-white" : "text-slate-600"} data-testid={`count-${v}`}>
                    {fmt.format(counts[v])}
                  </span>
                )}
                {cappedCounts[v] && (
                  <span className={active ? "text-white" : "text-slate-600"} data-testid={`count-${v}`}>
                    {cappedCounts[v].capped
                      ? t("inbox.countCapped", { count: fmt.format(cappedCounts[v].count) })
                      : fmt.format(cappedCounts[v].count)}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
      <div>
        <h2 className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{t("inbox.savedViews")}</h2>
        {saved.length === 0 ? (
          <p className="px-3 text-sm text-slate-600">{t("inbox.savedViews.none")}</p>
        ) : (
          <ul className="space-y-1">
            {saved.map((v) => {
              const active = state.sv === v.id;
              const shared =
                v.sharedWith === "everyone"
                  ? t("inbox.shared.everyone")
                  : v.sharedWith === "team"
                    ? t("inbox.shared.team", { team: v.teamName ?? "" })
                    : null;
              return (
                <li key={v.id}>
                  <Link
                    href={inboxHref({ view: "open", sort: "urgent" }, { ...urlFromFilters(v.filters), sv: v.id })}
                    aria-current={active ? "page" : undefined}
                    className={linkClass(active)}
                    title={shared ?? undefined}
                  >
                    <span className="truncate">{v.name}</span>
                    {v.count && (
                      <span className={active ? "text-white" : "text-slate-600"}>
                        {v.count.capped ? t("inbox.countCapped", { count: fmt.format(v.count.count) }) : fmt.format(v.count.count)}
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </nav>
  );
}
