import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { PageHeader } from "@/components/ui";
import { TagManager } from "@/components/tag-manager";

export const generateMetadata = titled("routing.tags.title");

/** Curated tags: offered first wherever agents type a tag. */
export default async function TagsPage() {
  await requireActor("taxonomy.manage");
  const { t } = await getT();
  const tags = await (await serverApi()).workspace.curatedTags();
  return (
    <>
      <PageHeader title={t("routing.tags.title")} lead={t("routing.tags.lead")} />
      <TagManager tags={tags} />
    </>
  );
}
