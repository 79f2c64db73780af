"use client";
import Link from "next/link";
import { useCallback, useId, useRef, useState } from "react";
import { useDismiss } from "./use-dismiss";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n";

const POLL_MS = 30_000;

/**
 * The staff's notification centre in the header: a bell with the unread count, and under it the latest
 * notifications (each a link to its ticket, marked read when followed), "mark all read", and the quick
 * away toggle that takes the agent out of round-robin. Monitor outages keep their own banner (staff-alerts.tsx).
 */
export function NotificationBell() {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const unread = useQuery(
    trpc.deskFlow.unreadCount.queryOptions(undefined, {
      refetchInterval: (q) => (q.state.error ? false : POLL_MS),
      refetchOnWindowFocus: true,
      retry: false,
    }),
  );
  const list = useQuery(trpc.deskFlow.notifications.queryOptions({ limit: 15 }, { enabled: open }));
  const status = useQuery(trpc.deskFlow.myStatus.queryOptions(undefined, { enabled: open }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.deskFlow.pathKey() });
  const markRead = useMutation(trpc.deskFlow.markRead.mutationOptions({ onSettled: refresh }));
  const markAll = useMutation(trpc.deskFlow.markAllRead.mutationOptions({ onSettled: refresh }));
  const setStatus = useMutation(trpc.deskFlow.setStatus.mutationOptions({ onSettled: refresh }));

  useDismiss(open, close, box);

  if (unread.error) return null;
  const count = unread.data ?? 0;
  const shown = count > 99 ? "99+" : String(count);
  const items = list.data?.items ?? [];
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="relative rounded-md p-2 text-slate-800 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700"
        data-testid="notification-bell"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M10 3a4.5 4.5 0 0 0-4.5 4.5v3L4 13h12l-1.5-2.5v-3A4.5 4.5 0 0 0 10 3zM8 15.5a2 2 0 0 0 4 0" strokeLinejoin="round" />
        </svg>
        <span className="sr-only">{t("notify.bell", { n: count })}</span>
        {count > 0 && (
          <span aria-hidden="true" className="absolute -right-0.5 -top-0.5 rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white">
            {shown}
          </span>
        )}
      </button>
      {open && (
        <div
          id={id}
          className="absolute right-0 z-40 mt-1 w-80 max-w-[90vw] rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg"
          data-testid="notification-panel"
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-100 pb-2">
            <h2 className="font-semibold text-slate-900">{t("notify.title")}</h2>
            <button
              type="button"
              onClick={() => markAll.mutate()}
              disabled={count === 0 || markAll.isPending}
              className="text-xs font-semibold text-blue-800 underline disabled:text-slate-500 disabled:no-underline"
            >
              {t("notify.markAll")}
            </button>
          </div>
          {items.length === 0 ? (
            <p className="py-3 text-slate-700">{list.isLoading ? t("common.loading") : t("notify.empty")}</p>
          ) : (
            <ul className="max-h-96 overflow-y-auto" role="list">
              {items.map((n) => {
                const text = t(`notify.text.${n.kind}`, { actor: t("timeline.system"), ...n.vars });
                return (
                  <li key={n.id} className="flex items-start gap-2 border-b border-slate-100 py-2 last:border-0">
                    <span
                      aria-hidden="true"
                      className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.read ? "bg-transparent" : "bg-blue-700"}`}
                    />
                    <div className="min-w-0 flex-1">
                      {n.ticketId !== null ? (
                        <Link
                          href={`/inbox/${n.ticketId}`}
                          onClick={() => !n.read && markRead.mutate({ ids: [n.id] })}
                          className={`block text-slate-900 hover:underline ${n.read ? "" : "font-semibold"}`}
                        >
                          {text}
                        </Link>
                      ) : (
                        <p className={n.read ? "" : "font-semibold"}>{text}</p>
                      )}
                      <p className="text-xs text-slate-600">
                        {formatDateTime(locale, n.createdAt)}
                        {!n.read && <span className="sr-only"> · {t("notify.unread")}</span>}
                      </p>
                    </div>
                    <button
                      type="button"
                      onClick={() => markRead.mutate({ ids: [n.id], read: !n.read })}
                      className="shrink-0 text-xs text-blue-800 underline"
                    >
                      {n.read ? t("notify.markUnread") : t("notify.markRead")}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {status.data && (
            <label className="mt-2 flex items-center gap-2 border-t border-slate-100 pt-2 text-slate-800">
              <input
                type="checkbox"
                checked={status.data.away}
                disabled={setStatus.isPending}
                onChange={(e) => setStatus.mutate({ away: e.target.checked })}
                className="h-4 w-4"
              />
              {t("routing.away")}
            </label>
          )}
        </div>
      )}
    </div>
  );
}
