"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf } from "./form";

/** A staff member's switches: each kind of notification in the app and by email (server/notifications/kinds.ts). */
export function NotificationSwitches() {
  const { t } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const switches = useQuery(trpc.deskFlow.notificationSwitches.queryOptions());
  const set = useMutation(
    trpc.deskFlow.setNotificationSwitch.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.deskFlow.notificationSwitches.queryKey() }),
    }),
  );
  if (!switches.data) return <p className="text-sm text-slate-700">{t("common.loading")}</p>;
  return (
    <div>
      <table className="w-full max-w-2xl text-left text-sm" data-testid="notification-switches">
        <caption className="mb-2 text-left text-sm text-slate-700">{t("notify.switches.lead")}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1 font-semibold text-slate-800">
              {t("notify.switches.kind")}
            </th>
            <th scope="col" className="w-24 py-1 text-center font-semibold text-slate-800">
              {t("notify.switches.inApp")}
            </th>
            <th scope="col" className="w-24 py-1 text-center font-semibold text-slate-800">
              {t("notify.switches.email")}
            </th>
          </tr>
        </thead>
        <tbody>
          {switches.data.map((s) => {
            const label = t(`notify.kind.${s.kind}`);
            return (
              <tr key={s.kind} className="border-b border-slate-100">
                <th scope="row" className="py-1.5 font-normal text-slate-800">
                  {label}
                </th>
                <td className="text-center">
                  <input
                    type="checkbox"
                    aria-label={`${label}: ${t("notify.switches.inApp")}`}
                    checked={s.inApp}
                    disabled={set.isPending}
                    onChange={(e) => set.mutate({ kind: s.kind, inApp: e.target.checked, email: s.email })}
                    className="h-4 w-4"
                  />
                </td>
                <td className="text-center">
                  <input
                    type="checkbox"
                    aria-label={`${label}: ${t("notify.switches.email")}`}
                    checked={s.email}
                    disabled={set.isPending}
                    onChange={(e) => set.mutate({ kind: s.kind, inApp: s.inApp, email: e.target.checked })}
                    className="h-4 w-4"
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FormError message={formErrorOf(set.error, t("common.error"))} />
    </div>
  );
}
