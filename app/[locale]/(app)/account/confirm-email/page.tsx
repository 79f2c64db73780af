import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { ConfirmEmailAction } from "./confirm-email-action";

export async function generateMetadata(): Promise<Metadata> {
  // A page reached through a private link: keep it out of search engines.
  return { title: (await getT()).t("account.confirmEmail.title"), robots: { index: false, follow: false } };
}

/** Where the link sent to a new email address leads; it may be opened in a browser that is not signed in. */
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { t } = await getT();
  const token = (await searchParams).token;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-3 text-2xl font-bold">{t("account.confirmEmail.title")}</h1>
        {typeof token === "string" && token.length >= 20 && token.length <= 100 ? (
          <ConfirmEmailAction token={token} />
        ) : (
          <p role="alert" className="text-red-900">
            {t("account.confirmEmail.missing")}
          </p>
        )}
      </Card>
    </div>
  );
}
