"use client";
import { useEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { SignInForm } from "../../signin/sign-in-form";
import { SignUpForm } from "../../signup/sign-up-form";

const tabClass = (on: boolean) =>
  `rounded-md px-3 py-2 text-sm font-semibold ${on ? "bg-white text-slate-900 shadow-sm" : "text-slate-700 hover:text-slate-900"}`;

/**
 * Shown when a signed-out visitor sends (or asks to sign in from) the ticket form: why an account is needed,
 * and the sign-in or the sign-up form right here. Both come back to the form, where the draft waits.
 */
export function SignInToSend({ initial }: { initial: "signIn" | "signUp" }) {
  const { t } = useT();
  const [mode, setMode] = useState(initial);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      aria-labelledby="sign-in-to-send"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 sm:p-6"
      data-testid="sign-in-to-send"
    >
      <h2 id="sign-in-to-send" ref={heading} tabIndex={-1} className="text-xl font-bold text-slate-900 focus:outline-none">
        {t("firstHour.ticket.signInTitle")}
      </h2>
      <p className="mt-2 max-w-2xl text-sm text-slate-800">{t("firstHour.ticket.why")}</p>
      <p className="mt-1 max-w-2xl text-sm text-slate-800">{t("firstHour.ticket.kept")}</p>
      <div className="mt-4 inline-flex gap-1 rounded-lg bg-amber-100 p-1" role="group" aria-label={t("firstHour.ticket.choose")}>
        <button type="button" aria-pressed={mode === "signIn"} className={tabClass(mode === "signIn")} onClick={() => setMode("signIn")}>
          {t("firstHour.ticket.haveAccount")}
        </button>
        <button type="button" aria-pressed={mode === "signUp"} className={tabClass(mode === "signUp")} onClick={() => setMode("signUp")}>
          {t("firstHour.ticket.newHere")}
        </button>
      </div>
      <div className="mt-4 max-w-md rounded-lg bg-white p-4 shadow-sm">
        {mode === "signIn" ? (
          <SignInForm callbackUrl="/tickets/new" onCreateAccount={() => setMode("signUp")} />
        ) : (
          <SignUpForm returnTo="/tickets/new" onHaveAccount={() => setMode("signIn")} />
        )}
      </div>
    </section>
  );
}
