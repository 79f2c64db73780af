import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { ROLES } from "@/server/auth/permissions";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { Card, PageHeader } from "@/components/ui";
import { TwoFactorPolicyForm } from "./two-factor-policy-form";

export const generateMetadata = titled("twoFactor.admin.pageTitle");

/** Security settings for admins: which roles must use two-factor authentication. */
export default async function SecurityPage() {
  await requireActor("user.manage");
  const { t } = await getT();
  const policy = await (await serverApi()).twoFactor.policy();
  return (
    <>
      <PageHeader title={t("twoFactor.admin.pageTitle")} />
      <Card className="max-w-2xl">
        <h2 className="text-lg font-semibold text-slate-900">{t("twoFactor.admin.policyTitle")}</h2>
        <p className="mb-4 mt-1 text-sm text-slate-700">{t("twoFactor.admin.policyLead")}</p>
        <TwoFactorPolicyForm roles={ROLES} required={policy.requiredRoles} isDefault={policy.isDefault} />
      </Card>
    </>
  );
}
