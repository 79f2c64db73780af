"use client";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { FormError, fieldErrorsOf, formErrorOf } from "@/components/form";
import { PasswordField } from "@/components/password-field";
import { buttonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

const linkClass = "font-semibold text-blue-800 underline";

/** Sets the new password through the emailed link; then the person signs in with it. */
export function ResetPasswordForm({ token }: { token: string }) {
  const { t } = useT();
  const trpc = useTRPC();
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const errors = fieldErrorsOf(reset.error);
  const linkDead = !token || (reset.error as { data?: { appCode?: string } } | null)?.data?.appCode === "RESET_INVALID";

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    reset.mutate({ token, password: String(new FormData(e.currentTarget).get("password") ?? "") });
  }

  if (reset.isSuccess) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          {t("reset.done")}
        </p>
        <Link className={linkClass} href="/signin">
          {t("nav.signIn")}
        </Link>
      </div>
    );
  }
  if (linkDead) {
    return (
      <div className="space-y-4">
        <FormError message={t("reset.err.invalid")} />
        <Link className={linkClass} href="/forgot-password">
          {t("reset.again")}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formErrorOf(reset.error, t("common.error"))} />
      <PasswordField id="password" name="password" label={t("password.change.new")} errors={errors?.password} />
      <button type="submit" className={`${buttonClass} w-full`} disabled={reset.isPending}>
        {reset.isPending ? t("common.loading") : t("reset.submit")}
      </button>
    </form>
  );
}
