"use client";
import { useRef, useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "@/components/form";
import { PasswordField } from "@/components/password-field";
import { buttonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";

/**
 * Sign-up ends with "check your email" whether or not the address already has an account: a new address
 * gets a link that creates the account, an existing one a note to its owner. Saying anything else here
 * would tell a stranger which addresses have accounts.
 */
export function SignUpForm() {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const errors = fieldErrorsOf(signUp.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const input = {
      name: String(f.get("name") ?? ""),
      email: String(f.get("email") ?? ""),
      password: String(f.get("password") ?? ""),
      locale,
    };
    signUp.mutate(input, { onSuccess: () => setSentTo(input.email.trim()) });
  }

  function person() {
    const f = form.current ? new FormData(form.current) : null;
    return { name: String(f?.get("name") ?? ""), email: String(f?.get("email") ?? "") };
  }

  if (sentTo) {
    return (
      <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        {t("signUp.checkEmail", { email: sentTo })}
      </p>
    );
  }

  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={formErrorOf(signUp.error, t("common.error"))} />
      <Field id="name" label={t("auth.name")} errors={errors?.name}>
        {(a) => <input {...a} name="name" autoComplete="name" className={inputClass} />}
      </Field>
      <Field id="email" label={t("auth.email")} errors={errors?.email}>
        {(a) => <input {...a} name="email" type="email" autoComplete="email" className={inputClass} />}
      </Field>
      <PasswordField id="password" name="password" label={t("auth.password")} errors={errors?.password} person={person} />
      <button type="submit" className={`${buttonClass} w-full`} disabled={signUp.isPending}>
        {signUp.isPending ? t("common.loading") : t("auth.signUp.submit")}
      </button>
      <p className="text-sm text-slate-700">
        {t("auth.signUp.haveAccount")}{" "}
        <Link className="font-semibold text-blue-800 underline" href="/signin">
          {t("nav.signIn")}
        </Link>
      </p>
    </form>
  );
}
