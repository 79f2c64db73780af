import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { PageHeader } from "@/components/ui";
import { CategoryManager } from "@/components/category-manager";

export const generateMetadata = titled("routing.categories.title");

/** Categories the customer chooses in the ticket form, in English and Russian, each with the team it routes to. */
export default async function CategoriesPage() {
  await requireActor("taxonomy.manage");
  const { t } = await getT();
  const api = await serverApi();
  const [categories, teams] = await Promise.all([api.workspace.categories({ archived: true }), api.workspace.teams()]);
  return (
    <>
      <PageHeader title={t("routing.categories.title")} lead={t("routing.categories.lead")} />
      <CategoryManager categories={categories} teams={teams.map((x) => ({ id: x.id, name: x.name }))} />
    </>
  );
}
