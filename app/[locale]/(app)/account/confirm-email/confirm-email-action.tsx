"use client";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { FormError, formErrorOf } from "@/components/form";
import { buttonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

/** Opening the link changes nothing (mail scanners fetch links): the address changes when the person presses the button. */
export function ConfirmEmailAction({ token }: { token: string }) {
  const { t } = useT();
  const trpc = useTRPC();
  const confirm = useMutation(trpc.profile.confirmEmailChange.mutationOptions());
  if (confirm.isSuccess) {
    return (
      <div className="space-y-4">
        <p role="status" className="text-green-900">
          {t("account.confirmEmail.done", { email: confirm.data.email })}
        </p>
        <Link className="font-semibold text-blue-800 underline" href="/account">
          {t("account.confirmEmail.back")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-slate-700">{t("account.confirmEmail.lead")}</p>
      <FormError message={formErrorOf(confirm.error, t("common.error"))} />
      <button type="button" className={buttonClass} disabled={confirm.isPending} onClick={() => confirm.mutate({ token })}>
        {t("account.confirmEmail.button")}
      </button>
    </div>
  );
}
