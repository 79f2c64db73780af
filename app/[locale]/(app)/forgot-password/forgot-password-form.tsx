"use client";
import { useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

/** Asks for a reset link. The answer is the same whether the address has an account or not. */
export function ForgotPasswordForm() {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = fieldErrorsOf(request.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "");
    request.mutate({ email, locale }, { onSuccess: () => setSentTo(email.trim()) });
  }

  if (sentTo) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          {t("reset.request.sent", { email: sentTo })}
        </p>
        <Link className="font-semibold text-blue-800 underline" href="/signin">
          {t("nav.signIn")}
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formErrorOf(request.error, t("common.error"))} />
      <Field id="email" label={t("auth.email")} errors={errors?.email}>
        {(a) => <input {...a} name="email" type="email" autoComplete="email" required className={inputClass} />}
      </Field>
      <button type="submit" className={`${buttonClass} w-full`} disabled={request.isPending}>
        {request.isPending ? t("common.loading") : t("reset.request.submit")}
      </button>
    </form>
  );
}
