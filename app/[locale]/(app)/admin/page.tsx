import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { ADMIN_PAGES } from "@/lib/nav";
import { Card, PageHeader } from "@/components/ui";

export const generateMetadata = titled("nav.admin");

/** The administration hub: every admin page the caller may open. */
export default async function AdminPage() {
  const actor = await requireActor();
  const pages = ADMIN_PAGES.filter((p) => can(actor, p.permission));
  if (pages.length === 0) notFound();
  const { t } = await getT();
  return (
    <>
      <PageHeader title={t("nav.admin")} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {pages.map((p) => (
          <Card key={p.href}>
            <Link href={p.href} className="text-lg font-semibold text-blue-800 hover:underline">
              {t(p.label)}
            </Link>
          </Card>
        ))}
      </div>
    </>
  );
}
