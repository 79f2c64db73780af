import Link from "next/link";
import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { Card, PageHeader } from "@/components/ui";
import { MonitorForm } from "../monitor-form";
import { componentChoices } from "../component-names";

export const generateMetadata = titled("monitoring.new");

export default async function NewMonitorPage() {
  await requireActor("monitor.manage");
  const { t, locale } = await getT();
  const components = await componentChoices(await serverApi(), locale);
  return (
    <>
      <Link href="/admin/monitors" className="text-sm text-blue-800 hover:underline">
        ← {t("monitoring.back")}
      </Link>
      <PageHeader title={t("monitoring.new")} />
      <Card className="max-w-2xl">
        <MonitorForm components={components} />
      </Card>
    </>
  );
}
