"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { ConfirmDelete } from "@/components/confirm-delete";
import type { WebhookState } from "@/server/db/schema";
import { smallButtonClass as small } from "../status/edit-disclosure";

/** Approve or re-verify a webhook that is not active yet; remove any subscriber (after a confirmation). */
export function SubscriberActions({ id, target, state }: { id: number; target: string; state: WebhookState | null }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = { onSuccess: () => router.refresh() };
  const approve = useMutation(trpc.subscriptions.approve.mutationOptions());
  const reverify = useMutation(trpc.subscriptions.reverify.mutationOptions());
  const remove = useMutation(trpc.subscriptions.remove.mutationOptions());
  const pending = approve.isPending || reverify.isPending;
  const error = approve.error ?? reverify.error;
  const waiting = state === "unverified" || state === "failed";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {waiting && (
        <>
          <button
            type="button"
            className={small}
            disabled={pending}
            onClick={() => approve.mutate({ id }, refresh)}
            aria-label={`${t("subscriptions.admin.approve")}: ${target}`}
          >
            {t("subscriptions.admin.approve")}
          </button>
          <button
            type="button"
            className={small}
            disabled={pending}
            onClick={() => reverify.mutate({ id }, refresh)}
            aria-label={`${t("subscriptions.admin.reverify")}: ${target}`}
          >
            {t("subscriptions.admin.reverify")}
          </button>
        </>
      )}
      <ConfirmDelete
        label={t("subscriptions.admin.remove")}
        ariaLabel={`${t("subscriptions.admin.remove")}: ${target}`}
        title={t("subscriptions.admin.remove.title", { target })}
        description={t("subscriptions.admin.remove.body")}
        buttonClassName={small}
        onConfirm={() => remove.mutateAsync({ id }).then(() => router.refresh())}
      />
      {error && (
        <p role="alert" className="w-full text-sm text-red-800">
          {error.message}
        </p>
      )}
    </div>
  );
}
