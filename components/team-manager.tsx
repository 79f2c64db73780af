"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { buttonClass, Card, inputClass } from "./ui";
import { FormError, formErrorOf } from "./form";

interface TeamRow {
  id: number;
  name: string;
  leadId: number | null;
  members: { id: number; name: string }[];
  autoAssign: boolean;
  openCap: number | null;
}

/** Every team as its own form (name, lead, members, round-robin, cap), and one more to create a team. */
export function TeamManager({ teams, staff }: { teams: TeamRow[]; staff: { id: number; name: string }[] }) {
  return (
    <div className="space-y-4">
      {teams.map((team) => (
        <TeamForm key={team.id} team={team} staff={staff} />
      ))}
      <TeamForm key={`new-${teams.length}`} staff={staff} />
    </div>
  );
}

function TeamForm({ team, staff }: { team?: TeamRow; staff: { id: number; name: string }[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.workspace.saveTeam.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    }),
  );
  const prefix = team ? `team-${team.id}` : "team-new";
  const members = new Set(team?.members.map((m) => m.id) ?? []);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const f = new FormData(e.currentTarget);
    const cap = String(f.get("openCap") ?? "").trim();
    save.mutate({
      ...(team ? { id: team.id } : {}),
      name: String(f.get("name") ?? ""),
      leadId: f.get("leadId") ? Number(f.get("leadId")) : null,
      memberIds: f.getAll("memberIds").map(Number),
      autoAssign: f.get("autoAssign") === "on",
      openCap: cap === "" ? null : Number(cap),
    });
  }

  return (
    <Card>
      <form onSubmit={onSubmit} className="space-y-3" aria-labelledby={`${prefix}-title`} data-testid={prefix}>
        <h2 id={`${prefix}-title`} className="text-lg font-semibold text-slate-900">
          {team ? team.name : t("routing.teams.new")}
        </h2>
        <FormError message={formErrorOf(save.error, t("common.error"))} />
        <div className="grid gap-3 md:grid-cols-3">
          <label className="text-sm">
            <span className="mb-1 block font-semibold text-slate-800">{t("routing.teams.name")}</span>
            <input name="name" defaultValue={team?.name ?? ""} required minLength={2} maxLength={80} className={inputClass} />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-semibold text-slate-800">{t("routing.teams.leadField")}</span>
            <select name="leadId" defaultValue={team?.leadId ?? ""} className={inputClass}>
              <option value="">{t("timeline.nobody")}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-semibold text-slate-800">{t("routing.teams.cap")}</span>
            <input name="openCap" type="number" min={1} max={10000} defaultValue={team?.openCap ?? ""} className={inputClass} />
          </label>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input name="autoAssign" type="checkbox" defaultChecked={team?.autoAssign ?? true} className="h-4 w-4" />
          {t("routing.teams.autoAssign")}
        </label>
        <fieldset>
          <legend className="mb-1 text-sm font-semibold text-slate-800">{t("routing.teams.members")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {staff.map((s) => (
              <label key={s.id} className="flex items-center gap-1.5 text-sm text-slate-800">
                <input type="checkbox" name="memberIds" value={s.id} defaultChecked={members.has(s.id)} className="h-4 w-4" />
                {s.name}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex items-center gap-3">
          <button type="submit" className={buttonClass} disabled={save.isPending}>
            {team ? t("routing.save") : t("routing.teams.create")}
          </button>
          {saved && (
            <span role="status" className="text-sm text-green-800">
              {t("routing.saved")}
            </span>
          )}
        </div>
      </form>
    </Card>
  );
}
