"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { Card, inputClass, secondaryButtonClass } from "./ui";
import { FormError, formErrorOf } from "./form";

/** Every agent's availability and own cap of open tickets, as a lead sets them. */
export function TeamAgents({ agents }: { agents: { userId: number; name: string; away: boolean; openCap: number | null }[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(trpc.deskFlow.setStatus.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">{t("routing.agents.title")}</h2>
      <p className="mb-3 mt-1 max-w-2xl text-sm text-slate-700">{t("routing.agents.lead")}</p>
      <FormError message={formErrorOf(set.error, t("common.error"))} />
      <ul className="divide-y divide-slate-100" role="list">
        {agents.map((a) => (
          <li key={a.userId} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2 text-sm">
            <span className="min-w-40 font-semibold text-slate-900">{a.name}</span>
            <label className="flex items-center gap-1.5 text-slate-800">
              <input
                type="checkbox"
                checked={a.away}
                disabled={set.isPending}
                onChange={(e) => set.mutate({ userId: a.userId, away: e.target.checked })}
                className="h-4 w-4"
              />
              {t("routing.away")}
            </label>
            <form
              className="flex items-center gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                const v = String(new FormData(e.currentTarget).get("openCap") ?? "").trim();
                set.mutate({ userId: a.userId, openCap: v === "" ? null : Number(v) });
              }}
            >
              <label className="flex items-center gap-1.5 text-slate-800">
                {t("routing.agents.cap")}
                <input name="openCap" type="number" min={1} max={10000} defaultValue={a.openCap ?? ""} className={`${inputClass} w-24`} />
              </label>
              <button type="submit" className={secondaryButtonClass} disabled={set.isPending}>
                {t("routing.save")}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Card>
  );
}
