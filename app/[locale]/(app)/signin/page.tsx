import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { SignInForm } from "./sign-in-form";
import { titled } from "@/lib/i18n/metadata";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { appUrl } from "@/server/env";
import { oidcButtonName } from "@/server/auth/oidc";
import { FormError } from "@/components/form";
import { ssoErrorMessage } from "@/lib/sso-error";
import { SsoButton } from "./sso-button";

export const generateMetadata = titled("auth.signIn.title");

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { t } = await getT();
  const { callbackUrl, error } = await searchParams;
  const safe = safeCallbackPath(callbackUrl, appUrl());
  // Nothing asked for a page: /start sends staff to the inbox and customers home.
  const landing = safe === "/" ? "/start" : safe;
  // Single sign-on for staff, when configured; a refused one comes back here with ?error=….
  const sso = oidcButtonName();
  const ssoError = ssoErrorMessage(error);
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-4 text-2xl font-bold">{t("auth.signIn.title")}</h1>
        {/* Sent here from a page that needs an account: say why. */}
        {safe !== "/" && (
          <p className="mb-4 text-sm text-slate-700" data-testid="sign-in-reason">
            {t(/^\/tickets(\/|$|\?)/.test(safe) ? "firstHour.signIn.whyTickets" : "firstHour.signIn.whyAccount")}
          </p>
        )}
        {ssoError && (
          <div className="mb-4">
            <FormError message={t(ssoError)} />
          </div>
        )}
        <SignInForm callbackUrl={landing} />
        {sso && (
          <div className="mt-6 space-y-4">
            <p className="text-center text-sm text-slate-700">{t("sso.or")}</p>
            <SsoButton label={t("sso.signInWith", { name: sso })} busyLabel={t("common.loading")} callbackUrl={landing} />
          </div>
        )}
      </Card>
    </div>
  );
}
