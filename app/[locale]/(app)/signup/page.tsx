import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { SignUpForm } from "./sign-up-form";
import { titled } from "@/lib/i18n/metadata";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { appUrl } from "@/server/env";

export const generateMetadata = titled("auth.signUp.title");

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { t } = await getT();
  const back = safeCallbackPath((await searchParams).callbackUrl, appUrl());
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-4 text-2xl font-bold">{t("auth.signUp.title")}</h1>
        <SignUpForm returnTo={back === "/" ? undefined : back} />
      </Card>
    </div>
  );
}
