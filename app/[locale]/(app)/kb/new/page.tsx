import { requireActor } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { PageHeader } from "@/components/ui";
import { ArticleEditor } from "../article-editor";

export const generateMetadata = titled("kb.new");

export default async function NewArticlePage() {
  const actor = await requireActor("article.edit");
  const { t, locale } = await getT();
  return (
    <>
      <PageHeader title={t("kb.new")} />
      <ArticleEditor
        initial={{
          kind: "article",
          locale,
          title: "",
          slug: "",
          translationKey: "",
          category: "getting-started",
          tags: [],
          summary: "",
          body: "",
          position: 100,
          status: "draft",
        }}
        can={{ saveDraft: true, publish: can(actor, "article.publish") }}
      />
    </>
  );
}
