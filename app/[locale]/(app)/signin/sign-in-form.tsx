"use client";
import { useRef, useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { Field, FormError, inputClass } from "@/components/form";
import { buttonClass, secondaryButtonClass } from "@/components/ui";
import { useT } from "@/lib/i18n/client";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { PasskeySignInButton, passkeyFailure, usePasskeyAssertion } from "./passkey-sign-in";

/** The message for a refused sign-in; the second-factor ones (only after a right password) make the form ask for the code. */
function failureKey(error: string | null | undefined): string {
  if (error === "RATE_LIMITED") return "auth.signIn.rateLimited";
  if (error === "TWO_FACTOR_REQUIRED") return "twoFactor.signIn.required";
  if (error === "TWO_FACTOR_INVALID") return "twoFactor.signIn.invalid";
  return "auth.signIn.failed";
}

/** Signs in through next-auth and then, with a full navigation, lets every server component see the session. */
export async function signInAndGo(
  email: string,
  password: string,
  to: string,
  secondFactor: { code?: string; passkey?: string } = {},
): Promise<string | null> {
  // Only the fields that have a value: next-auth posts every option, an undefined one as the text "undefined".
  const extra = Object.fromEntries(Object.entries(secondFactor).filter(([, v]) => v));
  const res = await signIn("credentials", { email, password, ...extra, redirect: false });
  if (!res || res.error) return failureKey(res?.error);
  window.location.assign(safeCallbackPath(to, window.location.origin));
  return null;
}

/** `onCreateAccount`: where the form sits beside a sign-up form (the ticket form), "Create account" switches to it. */
export function SignInForm({ callbackUrl, onCreateAccount }: { callbackUrl: string; onCreateAccount?: () => void }) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The account has a second factor: the form asks for its code and sends it with the password.
  const [askCode, setAskCode] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const passkeyAssertion = usePasskeyAssertion();

  function failed(failure: string) {
    setBusy(false);
    setError(t(failure));
    if (failure.startsWith("twoFactor.")) setAskCode(true);
  }

  // The second factor as a passkey instead of a code: the password goes again, with the passkey's answer.
  async function passkeyInstead() {
    const fields = new FormData(form.current!);
    setBusy(true);
    setError(null);
    let passkey: string;
    try {
      passkey = await passkeyAssertion();
    } catch (err) {
      return failed(passkeyFailure(err));
    }
    const failure = await signInAndGo(String(fields.get("email") ?? ""), String(fields.get("password") ?? ""), callbackUrl, { passkey });
    if (failure) failed(failure);
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const code = askCode ? String(form.get("code") ?? "") : undefined;
    const failure = await signInAndGo(String(form.get("email") ?? ""), String(form.get("password") ?? ""), callbackUrl, { code });
    if (failure) failed(failure);
  }

  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field id="email" label={t("auth.email")}>
        {(a) => <input {...a} name="email" type="email" autoComplete="email" required className={inputClass} />}
      </Field>
      <Field id="password" label={t("auth.password")}>
        {(a) => <input {...a} name="password" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      {askCode && (
        <Field id="code" label={t("twoFactor.signIn.codeLabel")} hint={t("twoFactor.signIn.codeHint")}>
          {(a) => <input {...a} name="code" autoComplete="one-time-code" autoFocus required className={inputClass} />}
        </Field>
      )}
      <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
        {busy ? t("common.loading") : t("auth.signIn.submit")}
      </button>
      {askCode ? (
        <button type="button" className={`${secondaryButtonClass} w-full`} disabled={busy} onClick={() => void passkeyInstead()}>
          {t("twoFactor.signIn.usePasskey")}
        </button>
      ) : (
        <PasskeySignInButton callbackUrl={callbackUrl} onError={(key) => setError(key && t(key))} />
      )}
      <p className="text-sm">
        <Link className="font-semibold text-blue-800 underline" href="/forgot-password">
          {t("reset.link")}
        </Link>
      </p>
      <p className="text-sm text-slate-700">
        {t("auth.signIn.noAccount")}{" "}
        {onCreateAccount ? (
          <button type="button" className="font-semibold text-blue-800 underline" onClick={onCreateAccount}>
            {t("nav.signUp")}
          </button>
        ) : (
          <Link
            className="font-semibold text-blue-800 underline"
            href={callbackUrl === "/" || callbackUrl === "/start" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          >
            {t("nav.signUp")}
          </Link>
        )}
      </p>
    </form>
  );
}
