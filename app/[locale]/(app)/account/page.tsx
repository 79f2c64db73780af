import { requireActor } from "@/server/auth/guard";
import { isErasableAccount } from "@/server/privacy/access";
import { sessionSettings } from "@/server/env";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import type { Translator } from "@/lib/i18n";
import { Card, PageHeader, secondaryButtonClass } from "@/components/ui";
import { AccountPrivacy } from "@/components/account-privacy";
import { AccountProfile } from "@/components/account-profile";
import { AccountSessions } from "@/components/account-sessions";
import { AwayToggle, OnDutyToggle } from "@/components/account-notifications";
import { NotificationSwitches } from "@/components/notification-switches";
import { can } from "@/server/auth/permissions";
import { ChangePasswordForm } from "@/components/change-password-form";
import { TwoFactorSettings } from "@/components/two-factor-settings";

export const generateMetadata = titled("privacy.account.title");

/** A lifetime in the largest whole unit: "7 days", "12 hours", "90 minutes". */
function lifetime(t: Translator, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 1440 === 0) return t("sessions.days", { n: minutes / 1440 });
  if (minutes % 60 === 0) return t("sessions.hours", { n: minutes / 60 });
  return t("sessions.minutes", { n: minutes });
}

/**
 * The signed-in person's account: name and email address, language, notifications, password and two-factor
 * authentication, where they are signed in, and their data.
 */
export default async function AccountPage() {
  const me = await requireActor();
  const { t } = await getT();
  const api = await serverApi();
  const [profile, sessions] = await Promise.all([api.profile.get(), api.sessions.list()]);
  const { idleMs, maxAgeMs } = sessionSettings();
  return (
    <>
      <PageHeader title={t("privacy.account.title")} lead={t("privacy.account.signedInAs", { name: me.name, email: me.email })} />
      <div className="space-y-6">
        <AccountProfile name={profile.name} email={profile.email} pendingEmail={profile.pendingEmail} />

        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t("account.language.title")}</h2>
          <p className="mb-3 mt-1 text-sm text-slate-700">{t("account.language.lead")}</p>
          {/* The language switch's own handler: saves the account's choice and the cookie, then comes back here. */}
          <form action="/api/locale" method="post" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="back" value="/account" />
            <label className="text-sm">
              <span className="mb-1 block font-semibold text-slate-800">{t("account.language.label")}</span>
              <select name="locale" defaultValue={profile.locale} className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm">
                <option value="en">{t("locale.en")}</option>
                <option value="ru">{t("locale.ru")}</option>
              </select>
            </label>
            <button type="submit" className={secondaryButtonClass}>
              {t("account.language.save")}
            </button>
          </form>
        </Card>

        <Card>
          <h2 className="mb-3 text-lg font-semibold text-slate-900">{t("account.notify.title")}</h2>
          {profile.onDuty !== null ? <OnDutyToggle userId={profile.id} onDuty={profile.onDuty} /> : null}
          {can(me, "inbox.view") ? (
            <div className="mt-4 space-y-4">
              <AwayToggle />
              <NotificationSwitches />
            </div>
          ) : (
            <p className="mt-3 max-w-2xl text-sm text-slate-700">{t("account.notify.customer")}</p>
          )}
        </Card>

        <Card>
          <ChangePasswordForm />
        </Card>
        <TwoFactorSettings />

        <AccountSessions sessions={sessions} lifetimes={{ idle: lifetime(t, idleMs), max: lifetime(t, maxAgeMs) }} />

        <AccountPrivacy canDelete={isErasableAccount(me)} />
      </div>
    </>
  );
}
