import { requireActor } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { PageHeader } from "@/components/ui";
import { MacroManager } from "@/components/macro-manager";

export const generateMetadata = titled("macros.title");

/** Macros: every agent's own, and the shared ones that leads and admins (macro.share) write for everyone. */
export default async function MacrosPage() {
  const actor = await requireActor("ticket.reply");
  const { t } = await getT();
  const [macros, staff] = await Promise.all([(await serverApi()).macros.list(), (await serverApi()).inbox.staff()]);
  return (
    <>
      <PageHeader title={t("macros.title")} />
      <MacroManager macros={macros} canShare={can(actor, "macro.share")} staff={staff} />
    </>
  );
}
