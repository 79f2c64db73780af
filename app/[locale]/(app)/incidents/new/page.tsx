import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { Card, PageHeader } from "@/components/ui";
import { NewIncidentForm } from "./new-incident-form";

export const generateMetadata = titled("incidents.new");

export default async function NewIncidentPage() {
  await requireActor("incident.manage");
  const { t } = await getT();
  const { components } = await (await serverApi()).status.components.list();
  return (
    <>
      <PageHeader title={t("incidents.new")} />
      <Card>
        <NewIncidentForm components={components.map((c) => ({ id: c.id, nameEn: c.nameEn, nameRu: c.nameRu }))} />
      </Card>
    </>
  );
}
