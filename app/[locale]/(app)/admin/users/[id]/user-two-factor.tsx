"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { formatDate } from "@/lib/i18n";
import { ConfirmDelete } from "@/components/confirm-delete";
import { Card, dangerButtonClass } from "@/components/ui";

/**
 * A user's two-factor authentication, for admins (user.manage; nothing is shown to anyone else): whether it is
 * on, and a reset after a confirmation that names the person (audited as two_factor.reset_by_admin).
 */
export function UserTwoFactor({ user }: { user: { id: number; name: string; email: string } }) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.twoFactor.userStatus.queryOptions({ userId: user.id }));
  const reset = useMutation(
    trpc.twoFactor.reset.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.twoFactor.userStatus.queryKey({ userId: user.id }) }),
    }),
  );
  if (!status.data) return null;
  const s = status.data;
  return (
    <Card>
      <h2 className="mb-2 text-lg font-semibold">{t("twoFactor.title")}</h2>
      <p className="text-sm text-slate-800" data-testid="user-two-factor">
        {s.enabled
          ? t("twoFactor.admin.userOn", { date: formatDate(locale, s.enabledAt ?? 0), n: s.recoveryCodesLeft })
          : t("twoFactor.admin.userOff")}
        {s.passkeys > 0 ? ` ${t("twoFactor.admin.userPasskeys", { n: s.passkeys })}` : null}
      </p>
      {reset.isSuccess ? (
        <p role="status" className="mt-2 text-sm text-slate-700">
          {t("twoFactor.admin.resetDone", { name: user.name })}
        </p>
      ) : null}
      {s.enabled || s.passkeys > 0 ? (
        <div className="mt-3">
          <ConfirmDelete
            label={t("twoFactor.admin.reset")}
            title={t("twoFactor.admin.resetTitle", { name: user.name })}
            description={t("twoFactor.admin.resetBody", { name: user.name, email: user.email })}
            confirmLabel={t("twoFactor.admin.resetConfirm")}
            buttonClassName={dangerButtonClass}
            onConfirm={() => reset.mutateAsync({ userId: user.id })}
          />
        </div>
      ) : null}
    </Card>
  );
}
