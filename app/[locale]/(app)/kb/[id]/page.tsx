import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound, requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titledBy } from "@/lib/i18n/metadata";
import { localePath } from "@/lib/i18n/paths";
import { ZIdParam } from "@/lib/search-params";
import { PageHeader, secondaryButtonClass } from "@/components/ui";
import { ArticleEditor } from "../article-editor";

export const generateMetadata = titledBy<{ id: string }>("kb.edit", async ({ id }, t) => {
  const a = await (await serverApi()).kb.get({ id: Number(ZIdParam.parse(id)) });
  return `${t("kb.edit")}: ${a.title}`;
});

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor("article.edit");
  const id = ZIdParam.parse((await params).id);
  if (!id) notFound();
  const { t } = await getT();
  const a = await orNotFound((await serverApi()).kb.get({ id }));
  const publicUrl = a.kind === "faq" ? `${localePath(a.locale, "/faq")}#${a.slug}` : localePath(a.locale, `/help/articles/${a.slug}`);
  return (
    <>
      <PageHeader
        title={t("kb.edit")}
        lead={a.sourcePath ? t("kb.fromFile", { path: a.sourcePath }) : undefined}
        actions={
          <div className="flex gap-2">
            <Link href={`/kb/${a.id}/history`} className={secondaryButtonClass}>
              {t("kb.history")}
            </Link>
            {a.status === "published" && (
              <Link href={publicUrl} className={secondaryButtonClass}>
                {t("kb.view")}
              </Link>
            )}
          </div>
        }
      />
      <ArticleEditor id={a.id} initial={a} can={a.can} />
    </>
  );
}
