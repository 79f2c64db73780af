"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { FormError, formErrorOf } from "@/components/form";
import { buttonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { forgetAfterSignUp, takeAfterSignUp } from "../after-sign-up";

const linkClass = "font-semibold text-blue-800 underline";

/**
 * The button of the confirmation link. Opening the link creates nothing: mail scanners fetch links on
 * their own, and only the person pressing the button should create the account.
 */
export function ConfirmSignUp({ token }: { token: string }) {
  const { t } = useT();
  const trpc = useTRPC();
  const confirm = useMutation(trpc.account.confirmSignUp.mutationOptions());
  // A sign-up started from a form (the ticket form) signs in and goes back there.
  const [back, setBack] = useState<string | null>(null);
  useEffect(() => {
    if (confirm.isSuccess) setBack(takeAfterSignUp());
  }, [confirm.isSuccess]);
  const dead = !token || (confirm.error as { data?: { appCode?: string; code?: string } } | null)?.data?.code === "BAD_REQUEST";

  if (confirm.isSuccess) {
    return (
      <div className="space-y-4">
        <p role="status" className="text-green-900">
          {t("signUp.confirm.done")}
        </p>
        <Link
          className={linkClass}
          href={back ? `/signin?callbackUrl=${encodeURIComponent(back)}` : "/signin"}
          onClick={() => forgetAfterSignUp()}
        >
          {back === "/tickets/new" ? t("firstHour.signUp.signInToTicket") : t("nav.signIn")}
        </Link>
      </div>
    );
  }
  if (dead) {
    return (
      <div className="space-y-4">
        <FormError message={t("signUp.err.linkInvalid")} />
        <Link className={linkClass} href="/signup">
          {t("nav.signUp")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-slate-700">{t("signUp.confirm.lead")}</p>
      <FormError message={formErrorOf(confirm.error, t("common.error"))} />
      <button type="button" className={buttonClass} disabled={confirm.isPending} onClick={() => confirm.mutate({ token })}>
        {t("signUp.confirm.button")}
      </button>
    </div>
  );
}
