import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { SignInForm } from "./sign-in-form";
import { titled } from "@/lib/i18n/metadata";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { appUrl } from "@/server/env";

export const generateMetadata = titled("auth.signIn.title");

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { t } = await getT();
  const { callbackUrl } = await searchParams;
  const safe = safeCallbackPath(callbackUrl, appUrl());
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-4 text-2xl font-bold">{t("auth.signIn.title")}</h1>
        <SignInForm callbackUrl={safe} />
      </Card>
    </div>
  );
}
