import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { appUrl } from "@/server/env";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { PageHeader } from "@/components/ui";
import { TwoFactorEnrolment } from "./two-factor-enrolment";

export const generateMetadata = titled("twoFactor.page.title");

/**
 * Two-factor authentication on its own page: where someone whose role requires it is sent until it is set up
 * (server/auth/guard.ts), and where it can be managed outside the account page. It calls only procedures that
 * work before enrolment.
 */
export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  await requireActor(undefined, { enrolling: true });
  const { t } = await getT();
  const status = await (await serverApi()).twoFactor.status();
  const next = safeCallbackPath((await searchParams).callbackUrl, appUrl());
  return (
    <>
      <PageHeader title={t("twoFactor.page.title")} lead={status.due ? t("twoFactor.page.due") : undefined} />
      <TwoFactorEnrolment next={next === "/account/two-factor" ? "/" : next} />
    </>
  );
}
