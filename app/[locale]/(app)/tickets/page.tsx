import Link from "next/link";
import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { buttonClass, Empty, PageHeader, Pager } from "@/components/ui";
import { TicketList } from "@/components/ticket-list";
import { ZIdParam } from "@/lib/search-params";
import { titled } from "@/lib/i18n/metadata";

export const generateMetadata = titled("tickets.title");

export default async function MyTicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireActor("ticket.read.own");
  const { t, locale } = await getT();
  const cursor = ZIdParam.parse((await searchParams).cursor);
  const page = await (await serverApi()).tickets.mine({ cursor, limit: 20 });
  return (
    <>
      <PageHeader
        title={t("tickets.title")}
        actions={
          <Link href="/tickets/new" className={buttonClass}>
            {t("nav.newTicket")}
          </Link>
        }
      />
      {page.items.length === 0 ? (
        <Empty>{t("tickets.empty")}</Empty>
      ) : (
        <TicketList items={page.items} hrefBase="/tickets" showPeople={false} t={t} locale={locale} caption={t("tickets.title")} />
      )}
      <Pager
        firstHref={cursor ? "/tickets" : undefined}
        nextHref={page.nextCursor ? `/tickets?cursor=${page.nextCursor}` : undefined}
        labels={{ first: t("common.first"), next: t("common.next") }}
      />
    </>
  );
}
