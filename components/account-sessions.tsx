"use client";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n";
import type { SessionRow } from "@/server/sessions/find-sessions";
import { ConfirmDelete } from "./confirm-delete";
import { FormError, formErrorOf } from "./form";
import { Badge, Card, dangerButtonClass, secondaryButtonClass } from "./ui";

/**
 * The account page's sessions: every browser signed in to the account, this one marked. Another one can be
 * signed out here; "sign out everywhere" ends them all, this one included, and this browser goes to sign-in.
 */
export function AccountSessions({ sessions, lifetimes }: { sessions: SessionRow[]; lifetimes: { idle: string; max: string } }) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(trpc.sessions.revoke.mutationOptions({ onSettled: () => router.refresh() }));
  const revokeAll = useMutation(trpc.sessions.revokeAll.mutationOptions());

  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">{t("sessions.title")}</h2>
      <p className="mb-4 mt-1 max-w-2xl text-sm text-slate-700">{t("sessions.lead", lifetimes)}</p>
      <FormError message={formErrorOf(revoke.error, t("common.error"))} />
      <ul className="mb-4 divide-y divide-slate-200" data-testid="session-list">
        {sessions.map((s) => {
          const device = s.label || t("sessions.unknownDevice");
          const seen = formatDateTime(locale, s.lastSeenAt);
          return (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="session-row">
              <div>
                <p className="font-medium text-slate-900">
                  {device} {s.current && <Badge kind="solved">{t("sessions.current")}</Badge>}
                </p>
                <p className="text-xs text-slate-700">
                  {t("sessions.detail", { created: formatDateTime(locale, s.createdAt), ip: s.ip, seen })}
                </p>
              </div>
              {!s.current && (
                <button
                  type="button"
                  className={secondaryButtonClass}
                  aria-label={t("sessions.revokeLabel", { device, date: seen })}
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate({ id: s.id })}
                >
                  {t("sessions.revoke")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDelete
        label={t("sessions.everywhere")}
        title={t("sessions.everywhereTitle")}
        description={t("sessions.everywhereBody")}
        buttonClassName={dangerButtonClass}
        onConfirm={async () => {
          await revokeAll.mutateAsync();
          await signOut({ callbackUrl: "/signin" });
        }}
      />
    </Card>
  );
}
