import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { PageHeader } from "@/components/ui";
import { TeamManager } from "@/components/team-manager";
import { TeamAgents } from "@/components/team-agents";

export const generateMetadata = titled("routing.teams.title");

/** Teams (members, lead, round-robin and its cap) and every agent's availability and own cap: leads and admins. */
export default async function TeamsPage() {
  await requireActor("team.manage");
  const { t } = await getT();
  const api = await serverApi();
  const [teams, staff, agents] = await Promise.all([api.workspace.teams(), api.inbox.staff(), api.deskFlow.agentStatuses()]);
  return (
    <>
      <PageHeader title={t("routing.teams.title")} lead={t("routing.teams.lead")} />
      <div className="space-y-6">
        <TeamManager teams={teams} staff={staff} />
        <TeamAgents agents={agents} />
      </div>
    </>
  );
}
