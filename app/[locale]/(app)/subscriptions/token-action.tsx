"use client";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { FormError, formErrorOf } from "@/components/form";
import { buttonClass } from "@/components/ui";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { localePath } from "@/lib/i18n/paths";
import type { MessageKey } from "@/lib/i18n";

/**
 * The button of a confirm or unsubscribe link. Opening the link changes nothing: mail scanners fetch
 * links on their own, and only a person pressing the button should confirm or unsubscribe.
 */
export function TokenAction({ action, token }: { action: "confirm" | "unsubscribe"; token: string }) {
  const { t, locale } = useT();
  const trpc = useTRPC();
  const confirm = useMutation(trpc.subscriptions.confirm.mutationOptions());
  const unsubscribe = useMutation(trpc.subscriptions.unsubscribe.mutationOptions());
  const m = action === "confirm" ? confirm : unsubscribe;
  const keys: Record<string, MessageKey> =
    action === "confirm"
      ? { lead: "subscriptions.confirm.lead", button: "subscriptions.confirm.button", done: "subscriptions.confirm.done" }
      : { lead: "subscriptions.unsubscribe.lead", button: "subscriptions.unsubscribe.button", done: "subscriptions.unsubscribe.done" };
  const notFound = (m.error as { data?: { code?: string } } | null)?.data?.code === "NOT_FOUND";

  if (m.isSuccess || notFound) {
    return (
      <div className="space-y-4">
        <p role="status" className={notFound ? "text-red-900" : "text-green-900"}>
          {t(notFound ? "subscriptions.confirm.invalid" : keys.done)}
        </p>
        <Link className="font-semibold text-blue-800 underline" href={localePath(locale, "/status")}>
          {t("subscriptions.backToStatus")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-slate-700">{t(keys.lead)}</p>
      <FormError message={formErrorOf(m.error, t("common.error"))} />
      <button type="button" className={buttonClass} disabled={m.isPending} onClick={() => m.mutate({ token })}>
        {t(keys.button)}
      </button>
    </div>
  );
}
