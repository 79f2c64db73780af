"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { CurrentPasswordField } from "./current-password-field";
import { fieldErrorsOf } from "./form";
import { ConfirmDelete } from "./confirm-delete";
import { Card, dangerButtonClass, secondaryButtonClass } from "./ui";

/**
 * The account page's privacy section, self-contained: download one's data (a JSON file from
 * /api/account/export) and, for customers, delete the account after typing the password again. Deletion is
 * immediate; the session is over, so the browser signs out and goes home.
 */
export function AccountPrivacy({ canDelete }: { canDelete: boolean }) {
  const { t } = useT();
  const trpc = useTRPC();
  const remove = useMutation(trpc.privacy.deleteMyAccount.mutationOptions());
  const [password, setPassword] = useState("");
  const errors = fieldErrorsOf(remove.error);

  return (
    <div className="space-y-6">
      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t("privacy.data.title")}</h2>
        <p className="mb-4 mt-1 max-w-2xl text-sm text-slate-700">{t("privacy.data.lead")}</p>
        <a href="/api/account/export" download className={secondaryButtonClass} data-testid="download-my-data">
          {t("privacy.data.download")}
        </a>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t("privacy.delete.title")}</h2>
        {canDelete ? (
          <div className="mt-1 max-w-md space-y-4">
            <p className="text-sm text-slate-700">{t("privacy.delete.lead")}</p>
            <CurrentPasswordField
              id="delete-password"
              label={t("privacy.delete.password")}
              hint={t("privacy.delete.passwordHint")}
              errors={errors?.password}
              value={password}
              onChange={setPassword}
            />
            <ConfirmDelete
              label={t("privacy.delete.button")}
              title={t("privacy.delete.confirmTitle")}
              description={t("privacy.delete.confirmBody")}
              confirmLabel={t("privacy.delete.confirm")}
              buttonClassName={dangerButtonClass}
              disabled={password.length === 0}
              onConfirm={async () => {
                await remove.mutateAsync({ password });
                await signOut({ callbackUrl: "/" });
              }}
            />
          </div>
        ) : (
          <p className="mt-1 text-sm text-slate-700">{t("privacy.delete.staff")}</p>
        )}
      </Card>
    </div>
  );
}
