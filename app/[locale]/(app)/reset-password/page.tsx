import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { ResetPasswordForm } from "./reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  // Reached through a private link: keep it out of search engines.
  return { title: (await getT()).t("reset.title"), robots: { index: false, follow: false } };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { t } = await getT();
  const { token } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
        <p className="mb-4 mt-1 text-slate-700">{t("reset.lead")}</p>
        <ResetPasswordForm token={typeof token === "string" ? token : ""} />
      </Card>
    </div>
  );
}
