import Link from "next/link";
import { z } from "zod";
import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { LOCALES } from "@/lib/i18n";
import { titled } from "@/lib/i18n/metadata";
import { PageHeader } from "@/components/ui";
import { SynonymEditor } from "./synonym-editor";

export const generateMetadata = titled("kb.synonyms.title");

const ZParams = z.object({ lang: z.enum(LOCALES).catch("en") });

/** Search synonyms for the people who publish articles: the shipped groups, the team's versions and their own. */
export default async function KbSynonymsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireActor("article.publish");
  const { t } = await getT();
  const { lang } = ZParams.parse({ lang: "en", ...(await searchParams) });
  const groups = await (await serverApi()).kb.synonyms.list({ locale: lang });
  const chip = (active: boolean) =>
    `rounded-full border px-3 py-1 ${active ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white"}`;
  return (
    <>
      <PageHeader title={t("kb.synonyms.title")} lead={t("kb.synonyms.lead")} />
      <nav aria-label={t("kb.field.locale")} className="mb-4 flex gap-2 text-sm">
        {LOCALES.map((l) => (
          <Link key={l} href={`/kb/synonyms?lang=${l}`} aria-current={l === lang ? "page" : undefined} className={chip(l === lang)}>
            {l === "en" ? "English" : "Русский"}
          </Link>
        ))}
      </nav>
      <SynonymEditor locale={lang} groups={groups} />
    </>
  );
}
