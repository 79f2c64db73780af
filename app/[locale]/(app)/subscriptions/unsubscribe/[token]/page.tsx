import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { TokenAction } from "../../token-action";

export async function generateMetadata(): Promise<Metadata> {
  // A page reached through a private link: keep it out of search engines.
  return { title: (await getT()).t("subscriptions.unsubscribe.title"), robots: { index: false, follow: false } };
}

export default async function UnsubscribeSubscriptionPage({ params }: { params: Promise<{ token: string }> }) {
  const { t } = await getT();
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-3 text-2xl font-bold">{t("subscriptions.unsubscribe.title")}</h1>
        <TokenAction action="unsubscribe" token={token} />
      </Card>
    </div>
  );
}
