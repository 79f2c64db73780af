import Link from "next/link";
import { redirect } from "next/navigation";
import { requireActor } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { filtersFromUrl, inboxHref, parseInboxUrl } from "@/lib/inbox-url";
import { Empty, PageHeader, Pager, buttonClass, inputClass } from "@/components/ui";
import { InboxSidebar } from "@/components/inbox-sidebar";
import { InboxFilters } from "@/components/inbox-filters";
import { InboxTable } from "@/components/inbox-table";
import { InboxSaveView } from "@/components/inbox-save-view";
import { InboxSearchResults } from "@/components/inbox-search-results";
import { titled } from "@/lib/i18n/metadata";
import { InboxLive } from "@/components/inbox-live";
import { InboxKeys } from "@/components/inbox-keys";

export const generateMetadata = titled("inbox.title");

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("inbox.view");
  const { t, locale } = await getT();
  const raw = await searchParams;
  const state = parseInboxUrl(raw);
  // One spelling per list state: empty fields of the filter form and unknown values leave the URL.
  const canonical = inboxHref(state, { cursor: state.cursor });
  const given = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))).toString();
  if (canonical !== `/inbox${given ? `?${given}` : ""}`) redirect(canonical);

  const api = await serverApi();
  const filters = filtersFromUrl(state, actor.id);
  // The list's version is read before the list: a change in between only makes the first poll refresh once more.
  const [live, counts, slaCounts, saved, savedCounts, teams, categories, curatedTags, staff] = await Promise.all([
    api.ticketLife.inboxVersion(),
    api.inbox.counts(),
    api.sla.counts(),
    api.inbox.savedViews(),
    api.inbox.savedViewCounts(),
    api.workspace.teams(),
    api.workspace.categories(),
    api.workspace.curatedTags(),
    can(actor, "ticket.assign") ? api.inbox.staff() : Promise.resolve([]),
  ]);
  const search = state.q ? await api.inbox.search({ ...filters, q: state.q, view: state.view, cursor: undefined }) : null;
  const page = search ? null : await api.inbox.list({ ...filters, cursor: state.cursor });
  const teamName = new Map(teams.map((tm) => [tm.id, tm.name]));
  const current = saved.find((v) => v.id === state.sv && v.canEdit) ?? null;
  const title = state.q
    ? t("inbox.search.results", { q: state.q })
    : (saved.find((v) => v.id === state.sv)?.name ?? t(`inbox.list.view.${state.view}`));

  return (
    <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
      <InboxSidebar
        state={state}
        counts={counts}
        cappedCounts={slaCounts}
        t={t}
        locale={locale}
        saved={saved.map((v) => ({
          ...v,
          teamName: v.teamId ? (teamName.get(v.teamId) ?? null) : null,
          count: savedCounts.find((c) => c.id === v.id),
        }))}
      />
      <div className="min-w-0">
        <PageHeader
          title={title}
          actions={
            <form method="get" action="/inbox" role="search" className="flex w-full max-w-md items-end gap-2">
              {state.view !== "open" && <input type="hidden" name="view" value={state.view} />}
              <label className="block flex-1 text-sm">
                <span className="sr-only">{t("inbox.search.label")}</span>
                <input
                  type="search"
                  name="q"
                  defaultValue={state.q ?? ""}
                  placeholder={t("inbox.search.label")}
                  className={inputClass}
                  maxLength={200}
                />
              </label>
              <button type="submit" className={buttonClass}>
                {t("inbox.search.submit")}
              </button>
            </form>
          }
        />
        <InboxFilters state={state} options={{ staff, teams, categories, curatedTags }} t={t} locale={locale} />
        {search ? (
          <>
            <p className="mb-3 text-sm">
              <Link href={inboxHref(state, { q: undefined })} className="text-blue-800 hover:underline">
                ← {t("inbox.search.back")}
              </Link>
            </p>
            {search.items.length === 0 ? (
              <Empty>{t("inbox.search.none", { q: state.q! })}</Empty>
            ) : (
              <InboxSearchResults items={search.items} t={t} locale={locale} />
            )}
          </>
        ) : (
          <>
            <InboxLive version={live.version} />
            <InboxKeys />
            {page!.items.length === 0 ? (
              <Empty>{t("inbox.list.empty")}</Empty>
            ) : (
              <InboxTable items={page!.items} caption={title} staff={staff} teams={teams} canAssign={can(actor, "ticket.assign")} />
            )}
            <Pager
              firstHref={state.cursor ? inboxHref(state) : undefined}
              nextHref={page!.nextCursor ? inboxHref(state, { cursor: page!.nextCursor }) : undefined}
              labels={{ first: t("common.first"), next: t("common.next") }}
            />
            <InboxSaveView filters={filters} canShare={can(actor, "view.share")} teams={teams} current={current} />
          </>
        )}
      </div>
    </div>
  );
}
