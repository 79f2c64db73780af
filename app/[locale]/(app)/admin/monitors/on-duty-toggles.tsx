"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf } from "@/components/form";
import type { StaffDuty } from "@/server/monitoring/on-duty";

/** One checkbox per active staff member: who receives monitor alerts first. */
export function OnDutyToggles({ staff }: { staff: StaffDuty[] }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(trpc.monitors.setOnDuty.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-2">
      <FormError message={formErrorOf(set.error, t("common.error"))} />
      {!staff.some((s) => s.onDuty) && <p className="text-sm text-amber-900">{t("monitoring.duty.none")}</p>}
      <ul className="space-y-1" role="list">
        {staff.map((s) => (
          <li key={s.id}>
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={s.onDuty}
                disabled={set.isPending}
                onChange={(e) => set.mutate({ userId: s.id, onDuty: e.target.checked })}
                className="h-4 w-4 rounded border-slate-400 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700"
                aria-label={t("monitoring.duty.label", { name: s.name })}
              />
              <span>{s.name}</span>
              <span className="text-xs text-slate-600">{t(`role.${s.role}`)}</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
