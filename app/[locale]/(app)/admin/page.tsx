import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { ADMIN_GROUPS, ADMIN_PAGES } from "@/lib/nav";
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
      <div className="space-y-8">
        {ADMIN_GROUPS.map((g) => {
          const inGroup = pages.filter((p) => p.group === g);
          if (inGroup.length === 0) return null;
          return (
            <section key={g} aria-labelledby={`admin-${g}`}>
              <h2 id={`admin-${g}`} className="mb-3 text-lg font-semibold text-slate-900">
                {t(`firstHour.nav.group.${g}`)}
              </h2>
              <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {inGroup.map((p) => (
                  <Card key={p.href}>
                    <Link href={p.href} className="text-lg font-semibold text-blue-800 hover:underline">
                      {t(p.label)}
                    </Link>
                  </Card>
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </>
  );
}
