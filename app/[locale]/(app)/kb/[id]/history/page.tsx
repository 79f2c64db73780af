import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { orNotFound, requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { titledBy } from "@/lib/i18n/metadata";
import { ZIdParam } from "@/lib/search-params";
import { Card, PageHeader, buttonClass, secondaryButtonClass } from "@/components/ui";
import { RestoreButton } from "./restore-button";

export const generateMetadata = titledBy<{ id: string }>("kb.history", async ({ id }, t) => {
  const a = await (await serverApi()).kb.get({ id: Number(ZIdParam.parse(id)) });
  return `${t("kb.history")}: ${a.title}`;
});

const ZRev = z.coerce.number().int().positive().optional().catch(undefined);

/** Every revision of an article, a readable diff between any two, and one-click restore. */
export default async function HistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireActor("article.edit");
  const id = ZIdParam.parse((await params).id);
  if (!id) notFound();
  const { t, locale } = await getT();
  const api = await serverApi();
  const [article, revisions] = await Promise.all([orNotFound(api.kb.get({ id })), orNotFound(api.kb.revisions({ articleId: id }))]);
  const sp = await searchParams;
  const newest = revisions[0]?.number ?? 1;
  const to = ZRev.parse(sp.to) ?? newest;
  const from = ZRev.parse(sp.from) ?? Math.max(1, to - 1);
  const diff = from !== to ? await api.kb.diff({ articleId: id, from, to }).catch(() => null) : null;

  return (
    <>
      <PageHeader
        title={`${t("kb.history")}: ${article.title}`}
        actions={
          <Link href={`/kb/${id}`} className={secondaryButtonClass}>
            {t("kb.edit")}
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
        <Card>
          <form method="get" className="space-y-3">
            <ol className="space-y-2">
              {revisions.map((r) => (
                <li key={r.number} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="revision">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-semibold">{t("kb.revision", { n: r.number })}</span>
                    <span className="flex gap-3">
                      <label className="flex items-center gap-1">
                        <input type="radio" name="from" value={r.number} defaultChecked={r.number === from} />
                        <span>{t("kb.diff.from")}</span>
                      </label>
                      <label className="flex items-center gap-1">
                        <input type="radio" name="to" value={r.number} defaultChecked={r.number === to} />
                        <span>{t("kb.diff.to")}</span>
                      </label>
                    </span>
                  </div>
                  <p className="text-slate-700">
                    {r.note} · {t(`kb.status.${r.status}`)}
                  </p>
                  <p className="text-slate-600">
                    {formatDateTime(locale, r.createdAt)} · {r.authorName ? t("kb.by", { name: r.authorName }) : t("kb.bySystem")}
                  </p>
                  {r.number !== newest && article.can.saveDraft && <RestoreButton articleId={id} number={r.number} />}
                </li>
              ))}
            </ol>
            <button type="submit" className={buttonClass}>
              {t("kb.compare")}
            </button>
          </form>
        </Card>
        <section aria-labelledby="diff-heading">
          <h2 id="diff-heading" className="text-lg font-semibold">
            {t("kb.diff.title", { from, to })}
          </h2>
          {!diff || diff.fields.length === 0 ? (
            <p className="mt-3 text-slate-700">{t("kb.diff.none")}</p>
          ) : (
            diff.fields.map((f) => (
              <div key={f.field} className="mt-4">
                <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-700">{f.field}</h3>
                <pre
                  className="mt-1 whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-white p-3 font-mono text-sm"
                  data-testid={`diff-${f.field}`}
                >
                  {f.parts.map((p, i) =>
                    p.kind === "added" ? (
                      <ins key={i} className="bg-green-100 text-green-900 no-underline">
                        {p.text}
                      </ins>
                    ) : p.kind === "removed" ? (
                      <del key={i} className="bg-red-100 text-red-900">
                        {p.text}
                      </del>
                    ) : (
                      <span key={i}>{p.text}</span>
                    ),
                  )}
                </pre>
              </div>
            ))
          )}
        </section>
      </div>
    </>
  );
}
