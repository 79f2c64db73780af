import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { ForgotPasswordForm } from "./forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT()).t("reset.request.title"), robots: { index: false, follow: false } };
}

export default async function ForgotPasswordPage() {
  const { t } = await getT();
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold">{t("reset.request.title")}</h1>
        <p className="mb-4 mt-1 text-slate-700">{t("reset.request.lead")}</p>
        <ForgotPasswordForm />
      </Card>
    </div>
  );
}
