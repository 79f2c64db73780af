"use client";
import { useMutation } from "@tanstack/react-query";
import { FormError, fieldErrorsOf, formErrorOf } from "@/components/form";
import { PasswordField } from "@/components/password-field";
import { buttonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { signInAndGo } from "../../signin/sign-in-form";

export function AcceptInviteForm({ token }: { token: string }) {
  const { t } = useT();
  const trpc = useTRPC();
  const accept = useMutation(trpc.account.acceptInvite.mutationOptions());
  const errors = fieldErrorsOf(accept.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get("password") ?? "");
    accept.mutate({ token, password }, { onSuccess: ({ email }) => void signInAndGo(email, password, "/inbox") });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formErrorOf(accept.error, t("common.error"))} />
      <PasswordField id="password" name="password" label={t("auth.password")} errors={errors?.password} />
      <button type="submit" className={`${buttonClass} w-full`} disabled={accept.isPending}>
        {t("auth.invite.submit")}
      </button>
    </form>
  );
}
