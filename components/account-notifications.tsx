"use client";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf } from "./form";

/** Staff who acknowledge monitor alerts put themselves on or off duty (server/monitoring/on-duty.ts). */
export function OnDutyToggle({ userId, onDuty }: { userId: number; onDuty: boolean }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(trpc.monitors.setOnDuty.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm font-semibold text-slate-800">
        <input
          type="checkbox"
          checked={onDuty}
          disabled={set.isPending}
          aria-describedby="on-duty-hint"
          onChange={(e) => set.mutate({ userId, onDuty: e.target.checked })}
          className="h-4 w-4"
        />
        {t("account.notify.onDuty")}
      </label>
      <p id="on-duty-hint" className="max-w-2xl text-xs text-slate-600">
        {t("account.notify.onDutyHint")}
      </p>
      <FormError message={formErrorOf(set.error, t("common.error"))} />
    </div>
  );
}

/** An agent sets themselves away (round-robin passes over them) or back; the header's bell has the same switch. */
export function AwayToggle() {
  const { t } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.deskFlow.myStatus.queryOptions());
  const set = useMutation(
    trpc.deskFlow.setStatus.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.deskFlow.pathKey() }) }),
  );
  if (!status.data) return null;
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm font-semibold text-slate-800">
        <input
          type="checkbox"
          checked={status.data.away}
          disabled={set.isPending}
          aria-describedby="away-hint"
          onChange={(e) => set.mutate({ away: e.target.checked })}
          className="h-4 w-4"
          data-testid="away-toggle"
        />
        {t("routing.away")}
      </label>
      <p id="away-hint" className="max-w-2xl text-xs text-slate-600">
        {t("routing.awayHint")}
      </p>
      <FormError message={formErrorOf(set.error, t("common.error"))} />
    </div>
  );
}
