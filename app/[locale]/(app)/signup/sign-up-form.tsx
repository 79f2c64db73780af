"use client";
import { useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { signInAndGo } from "../signin/sign-in-form";

export function SignUpForm() {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);
  const errors = fieldErrorsOf(signUp.error);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const input = { name: String(f.get("name") ?? ""), email: String(f.get("email") ?? ""), password: String(f.get("password") ?? ""), locale };
    signUp.mutate(input, {
      onSuccess: () =>
        void signInAndGo(input.email, input.password, "/tickets/new").then((failure) => {
          if (failure) setSignInError(t(failure));
        }),
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={signInError ?? formErrorOf(signUp.error, t("common.error"))} />
      <Field id="name" label={t("auth.name")} errors={errors?.name}>
        {(a) => <input {...a} name="name" autoComplete="name" className={inputClass} />}
      </Field>
      <Field id="email" label={t("auth.email")} errors={errors?.email}>
        {(a) => <input {...a} name="email" type="email" autoComplete="email" className={inputClass} />}
      </Field>
      <Field id="password" label={t("auth.password")} hint={t("auth.signUp.passwordHint")} errors={errors?.password}>
        {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <button type="submit" className={`${buttonClass} w-full`} disabled={signUp.isPending}>
        {signUp.isPending ? t("common.loading") : t("auth.signUp.submit")}
      </button>
      <p className="text-sm text-slate-700">
        {t("auth.signUp.haveAccount")} <Link className="font-semibold text-blue-800 underline" href="/signin">{t("nav.signIn")}</Link>
      </p>
    </form>
  );
}
