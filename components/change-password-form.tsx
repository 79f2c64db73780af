"use client";
import { useRef } from "react";
import { useMutation } from "@tanstack/react-query";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "./form";
import { PasswordField } from "./password-field";
import { buttonClass } from "./ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

/**
 * Changing one's password (account.changePassword), self-contained so that the account page can mount it
 * as it is: the current password is asked again, the new one gets the policy's hint.
 */
export function ChangePasswordForm() {
  const { t } = useT();
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const form = useRef<HTMLFormElement>(null);
  const errors = fieldErrorsOf(change.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    change.mutate(
      { currentPassword: String(f.get("currentPassword") ?? ""), newPassword: String(f.get("newPassword") ?? "") },
      { onSuccess: () => form.current?.reset() },
    );
  }

  return (
    <section aria-labelledby="change-password-title">
      <h2 id="change-password-title" className="mb-3 text-lg font-semibold text-slate-900">
        {t("password.change.title")}
      </h2>
      <form ref={form} onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
        <FormError message={formErrorOf(change.error, t("common.error"))} />
        {change.isSuccess && (
          <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
            {t("password.change.done")}
          </p>
        )}
        <Field id="currentPassword" label={t("password.change.current")} errors={errors?.currentPassword}>
          {(a) => <input {...a} name="currentPassword" type="password" autoComplete="current-password" className={inputClass} />}
        </Field>
        <PasswordField id="newPassword" name="newPassword" label={t("password.change.new")} errors={errors?.newPassword} />
        <button type="submit" className={buttonClass} disabled={change.isPending}>
          {change.isPending ? t("common.loading") : t("password.change.submit")}
        </button>
      </form>
    </section>
  );
}
