"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n";

const POLL_MS = 15_000;

/**
 * Open monitor alerts for staff, with one-click acknowledge. Polls every 15 s; for customers and visitors
 * the API answers an error and this renders nothing (and stops asking).
 */
export function StaffAlerts() {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const alerts = useQuery(
    trpc.monitors.activeAlerts.queryOptions(undefined, {
      refetchInterval: (q) => (q.state.error ? false : POLL_MS),
      refetchOnWindowFocus: true,
      retry: false,
    }),
  );
  const ack = useMutation(
    trpc.monitors.acknowledge.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.monitors.activeAlerts.queryKey() }),
    }),
  );
  const items = alerts.data ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label={t("monitoring.alerts.region")} className="border-b border-red-300 bg-red-50">
      <ul className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-2 text-sm" role="list">
        {items.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-red-950">
            <span className="font-semibold">{t("monitoring.alerts.down", { name: a.monitorName })}</span>
            <span className="text-red-900">{t("monitoring.alerts.since", { time: formatDateTime(locale, a.openedAt) })}</span>
            {a.escalatedAt !== null && (
              <span className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
                {t("monitoring.alerts.escalated")}
              </span>
            )}
            {a.acknowledgedAt !== null ? (
              <span className="text-red-900">{t("monitoring.alerts.acked", { name: a.acknowledgedBy ?? "" })}</span>
            ) : (
              <button
                type="button"
                onClick={() => ack.mutate({ alertId: a.id })}
                disabled={ack.isPending && ack.variables?.alertId === a.id}
                className="rounded-md border border-red-800 bg-white px-2 py-0.5 text-xs font-semibold text-red-900 hover:bg-red-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-800 disabled:opacity-60"
              >
                {t("monitoring.alerts.ack")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
