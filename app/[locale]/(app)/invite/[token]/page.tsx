import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { AcceptInviteForm } from "./accept-invite-form";
import { titled } from "@/lib/i18n/metadata";

export const generateMetadata = titled("auth.invite.title");

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { t } = await getT();
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold">{t("auth.invite.title")}</h1>
        <p className="mb-4 mt-1 text-slate-700">{t("auth.invite.lead")}</p>
        <AcceptInviteForm token={token} />
      </Card>
    </div>
  );
}
