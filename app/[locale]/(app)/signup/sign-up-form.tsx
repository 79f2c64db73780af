"use client";
import { useRef, useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass, useLiveFieldErrors } from "@/components/form";
import { PasswordField } from "@/components/password-field";
import { buttonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { rememberAfterSignUp } from "./after-sign-up";

// The server's rules, for clearing an error as soon as the field is right (the server still decides).
const CHECKS: Record<string, (v: string) => boolean> = {
  name: (v) => v.trim().length > 0 && v.trim().length <= 120,
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()),
  password: (v) => v.length >= 10 && v.length <= 200,
};

/**
 * Sign-up ends with "check your email" whether or not the address already has an account: a new address
 * gets a link that creates the account, an existing one a note to its owner. Saying anything else here
 * would tell a stranger which addresses have accounts.
 */
export function SignUpForm({ returnTo, onHaveAccount }: { returnTo?: string; onHaveAccount?: () => void } = {}) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const { errors, onInput } = useLiveFieldErrors(fieldErrorsOf(signUp.error), { form, checks: CHECKS });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const input = {
      name: String(f.get("name") ?? ""),
      email: String(f.get("email") ?? ""),
      password: String(f.get("password") ?? ""),
      locale,
    };
    signUp.mutate(input, {
      onSuccess: () => {
        // The confirmation page, opened from the email, offers to sign in and go back to where this started.
        if (returnTo) rememberAfterSignUp(returnTo);
        setSentTo(input.email.trim());
      },
    });
  }

  function person() {
    const f = form.current ? new FormData(form.current) : null;
    return { name: String(f?.get("name") ?? ""), email: String(f?.get("email") ?? "") };
  }

  if (sentTo) {
    return (
      <div role="status" className="space-y-2 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        <p>{t("signUp.checkEmail", { email: sentTo })}</p>
        {returnTo && <p>{t("firstHour.signUp.comeBack")}</p>}
      </div>
    );
  }

  return (
    <form ref={form} onSubmit={onSubmit} onInput={onInput} className="space-y-4" noValidate>
      <FormError message={formErrorOf(signUp.error, t("common.error"))} />
      <Field id="name" label={t("auth.name")} errors={errors?.name}>
        {(a) => <input {...a} name="name" autoComplete="name" required maxLength={120} className={inputClass} />}
      </Field>
      <Field id="email" label={t("auth.email")} errors={errors?.email}>
        {(a) => <input {...a} name="email" type="email" autoComplete="email" required className={inputClass} />}
      </Field>
      <PasswordField id="password" name="password" label={t("auth.password")} errors={errors?.password} person={person} />
      <button type="submit" className={`${buttonClass} w-full`} disabled={signUp.isPending}>
        {signUp.isPending ? t("common.loading") : t("auth.signUp.submit")}
      </button>
      <p className="text-sm text-slate-700">
        {t("auth.signUp.haveAccount")}{" "}
        {onHaveAccount ? (
          <button type="button" className="font-semibold text-blue-800 underline" onClick={onHaveAccount}>
            {t("nav.signIn")}
          </button>
        ) : (
          <Link
            className="font-semibold text-blue-800 underline"
            href={returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin"}
          >
            {t("nav.signIn")}
          </Link>
        )}
      </p>
    </form>
  );
}
