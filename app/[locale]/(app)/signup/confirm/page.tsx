import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { ConfirmSignUp } from "./confirm-sign-up";

export async function generateMetadata(): Promise<Metadata> {
  // Reached through a private link: keep it out of search engines.
  return { title: (await getT()).t("signUp.confirm.title"), robots: { index: false, follow: false } };
}

export default async function ConfirmSignUpPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { t } = await getT();
  const { token } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-3 text-2xl font-bold">{t("signUp.confirm.title")}</h1>
        <ConfirmSignUp token={typeof token === "string" ? token : ""} />
      </Card>
    </div>
  );
}
