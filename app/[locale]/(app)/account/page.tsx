import { requireActor } from "@/server/auth/guard";
import { isErasableAccount } from "@/server/privacy/access";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { PageHeader } from "@/components/ui";
import { AccountPrivacy } from "@/components/account-privacy";

export const generateMetadata = titled("privacy.account.title");

/** The signed-in person's account. For now its privacy section: their data, and deleting the account. */
export default async function AccountPage() {
  const me = await requireActor();
  const { t } = await getT();
  return (
    <>
      <PageHeader title={t("privacy.account.title")} lead={t("privacy.account.signedInAs", { name: me.name, email: me.email })} />
      <AccountPrivacy canDelete={isErasableAccount(me)} />
    </>
  );
}
