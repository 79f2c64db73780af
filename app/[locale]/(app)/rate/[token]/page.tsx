import type { Metadata } from "next";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { CsatForm } from "@/components/csat-form";

export async function generateMetadata(): Promise<Metadata> {
  // A page reached through a private link: keep it out of search engines.
  return { title: (await getT()).t("ticketLife.csat.title"), robots: { index: false, follow: false } };
}

/** The rating link from the solve email: rates the ticket without signing in (the link is signed for it). */
export default async function RateTicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ r?: string }>;
}) {
  const { t } = await getT();
  const { token } = await params;
  const { r } = await searchParams;
  const link = await (await serverApi()).ticketLife.ratingLink({ token: token.slice(0, 200) }).catch(() => null);
  const open = link !== null && link.openUntil !== null && link.openUntil > Date.now();
  return (
    <div className="mx-auto max-w-md">
      <Card className="space-y-3">
        {link && open ? (
          <>
            <h1 className="text-2xl font-bold">{t("ticketLife.rate.title", { id: link.ticketId })}</h1>
            <p className="break-words text-slate-800">{link.subject}</p>
            <CsatForm
              token={token}
              initial={{ rating: link.rating, comment: link.comment, choice: r === "good" || r === "bad" ? r : undefined }}
              openUntil={link.openUntil!}
            />
          </>
        ) : (
          <>
            <h1 className="text-2xl font-bold">{t("ticketLife.csat.title")}</h1>
            <p role="alert" className="text-slate-800">
              {link ? t("ticketLife.err.ratingClosed") : t("ticketLife.rate.invalid")}
            </p>
          </>
        )}
      </Card>
    </div>
  );
}
