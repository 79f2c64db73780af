import Link from "next/link";
import { z } from "zod";
import { requireActor } from "@/server/auth/guard";
import { ROLES, STAFF_ROLES } from "@/server/auth/permissions";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { ZIdParam } from "@/lib/search-params";
import { Card, PageHeader, Pager, Table } from "@/components/ui";
import { InviteForm } from "./invite-form";
import { UserActionCells } from "./user-actions";
import { titled } from "@/lib/i18n/metadata";

export const generateMetadata = titled("admin.users.title");

const ZParams = z.object({ role: z.enum(ROLES).optional().catch(undefined), cursor: ZIdParam });

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const me = await requireActor("user.manage");
  const { t, locale } = await getT();
  const params = ZParams.parse(await searchParams);
  const page = await (await serverApi()).admin.users({ role: params.role, cursor: params.cursor, limit: 50 });
  const base = params.role ? `/admin/users?role=${params.role}` : "/admin/users";
  return (
    <>
      <PageHeader title={t("admin.users.title")} />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div>
          <nav className="mb-3 flex flex-wrap gap-2 text-sm" aria-label={t("admin.users.col.role")}>
            {[undefined, ...ROLES].map((r) => (
              <a
                key={r ?? "all"}
                href={r ? `/admin/users?role=${r}` : "/admin/users"}
                aria-current={params.role === r ? "page" : undefined}
                className={`rounded-full border px-3 py-1 ${params.role === r ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
              >
                {r ? t(`role.${r}`) : t("admin.users.allRoles")}
              </a>
            ))}
          </nav>
          <Table
            caption={t("admin.users.title")}
            head={[
              t("admin.users.col.name"),
              t("admin.users.col.email"),
              t("admin.users.col.role"),
              t("admin.users.col.state"),
              t("admin.users.col.lastSignIn"),
            ]}
          >
            {page.items.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <td className="px-4 py-2 font-medium">
                  <Link href={`/admin/users/${u.id}`} className="text-blue-800 hover:underline">
                    {u.name}
                  </Link>
                </td>
                <td className="px-4 py-2 text-slate-800">{u.email}</td>
                <UserActionCells
                  user={{ id: u.id, name: u.name, email: u.email, role: u.role, disabled: u.disabled, invited: u.invited }}
                  self={u.id === me.id}
                  roles={ROLES}
                />
                <td className="whitespace-nowrap px-4 py-2 text-slate-700">
                  {u.lastSignInAt ? formatDateTime(locale, u.lastSignInAt) : t("common.none")}
                </td>
              </tr>
            ))}
          </Table>
          <Pager
            firstHref={params.cursor ? base : undefined}
            nextHref={page.nextCursor ? `${base}${base.includes("?") ? "&" : "?"}cursor=${page.nextCursor}` : undefined}
            labels={{ first: t("common.first"), next: t("common.next") }}
          />
        </div>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("admin.users.invite")}</h2>
          <InviteForm roles={STAFF_ROLES} />
        </Card>
      </div>
    </>
  );
}
