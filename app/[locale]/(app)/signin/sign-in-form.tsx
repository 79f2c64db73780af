"use client";
import { useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { Field, FormError, inputClass } from "@/components/form";
import { buttonClass } from "@/components/ui";
import { useT } from "@/lib/i18n/client";
import { safeCallbackPath } from "@/lib/safe-callback-path";

/** Signs in through next-auth and then, with a full navigation, lets every server component see the session. */
export async function signInAndGo(email: string, password: string, to: string): Promise<string | null> {
  const res = await signIn("credentials", { email, password, redirect: false });
  if (!res || res.error) return res?.error === "RATE_LIMITED" ? "auth.signIn.rateLimited" : "auth.signIn.failed";
  window.location.assign(safeCallbackPath(to, window.location.origin));
  return null;
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const failure = await signInAndGo(String(form.get("email") ?? ""), String(form.get("password") ?? ""), callbackUrl);
    if (failure) {
      setBusy(false);
      setError(t(failure));
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field id="email" label={t("auth.email")}>
        {(a) => <input {...a} name="email" type="email" autoComplete="email" required className={inputClass} />}
      </Field>
      <Field id="password" label={t("auth.password")}>
        {(a) => <input {...a} name="password" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      <button type="submit" className={`${buttonClass} w-full`} disabled={busy}>
        {busy ? t("common.loading") : t("auth.signIn.submit")}
      </button>
      <p className="text-sm">
        <Link className="font-semibold text-blue-800 underline" href="/forgot-password">{t("reset.link")}</Link>
      </p>
      <p className="text-sm text-slate-700">
        {t("auth.signIn.noAccount")} <Link className="font-semibold text-blue-800 underline" href="/signup">{t("nav.signUp")}</Link>
      </p>
    </form>
  );
}
