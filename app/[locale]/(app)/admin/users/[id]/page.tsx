import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor, orNotFound } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDate, formatDateTime } from "@/lib/i18n";
import { titledBy } from "@/lib/i18n/metadata";
import { ZIdParam } from "@/lib/search-params";
import { Badge, Card, PageHeader } from "@/components/ui";
import { UserPrivacyActions } from "./user-privacy-actions";
import { UserTwoFactor } from "./user-two-factor";

export const generateMetadata = titledBy<{ id: string }>("admin.users.title", async ({ id }, t) => {
  const user = await (await serverApi()).privacy.subject({ userId: Number(ZIdParam.parse(id)) });
  return `${user.name} · ${t("admin.users.title")}`;
});

/** One account, for an admin: who it is and what can be done with its personal data. */
export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor("privacy.manage");
  const id = ZIdParam.parse((await params).id);
  if (!id) notFound();
  const { t, locale } = await getT();
  const user = await orNotFound((await serverApi()).privacy.subject({ userId: id }));
  return (
    <>
      <Link href="/admin/users" className="text-sm text-blue-800 hover:underline">
        ← {t("privacy.admin.back")}
      </Link>
      <PageHeader title={user.name} lead={user.email} />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="font-semibold text-slate-800">{t("admin.users.col.role")}</dt>
            <dd>{t(`role.${user.role}`)}</dd>
            <dt className="font-semibold text-slate-800">{t("admin.users.col.state")}</dt>
            <dd>
              {user.disabled ? (
                <Badge kind="closed">{t("admin.users.state.disabled")}</Badge>
              ) : (
                <Badge kind="solved">{t("admin.users.state.active")}</Badge>
              )}
            </dd>
            <dt className="font-semibold text-slate-800">{t("admin.users.col.lastSignIn")}</dt>
            <dd>{user.lastSignInAt ? formatDateTime(locale, user.lastSignInAt) : t("common.none")}</dd>
          </dl>
          <p className="mt-4 text-sm text-slate-700">{t("privacy.admin.created", { date: formatDate(locale, user.createdAt) })}</p>
          <p className="text-sm text-slate-700">{t("privacy.admin.tickets", { count: user.tickets })}</p>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("privacy.admin.section")}</h2>
          {user.erasedAt !== null ? (
            <p className="text-sm text-slate-700" data-testid="erased">
              {t("privacy.admin.erased", { date: formatDateTime(locale, user.erasedAt) })}
            </p>
          ) : user.erasable ? (
            <UserPrivacyActions user={{ id: user.id, name: user.name, email: user.email }} />
          ) : (
            <p className="text-sm text-slate-700">{t("privacy.admin.notErasable")}</p>
          )}
        </Card>
        <UserTwoFactor user={{ id: user.id, name: user.name, email: user.email }} />
      </div>
    </>
  );
}
