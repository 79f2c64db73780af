"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf } from "@/components/form";
import { secondaryButtonClass } from "@/components/ui";
import { ConfirmDelete } from "@/components/confirm-delete";

/** Pause or resume, and delete (after a confirmation). */
export function MonitorActions({ id, name, enabled }: { id: number; name: string; enabled: boolean }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = { onSuccess: () => router.refresh() };
  const pause = useMutation(trpc.monitors.pause.mutationOptions(refresh));
  const resume = useMutation(trpc.monitors.resume.mutationOptions(refresh));
  const remove = useMutation(trpc.monitors.remove.mutationOptions({ onSuccess: () => router.push("/admin/monitors") }));
  const busy = pause.isPending || resume.isPending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <FormError message={formErrorOf(pause.error ?? resume.error, t("common.error"))} />
      <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => (enabled ? pause : resume).mutate({ id })}>
        {enabled ? t("monitoring.action.pause") : t("monitoring.action.resume")}
      </button>
      <ConfirmDelete
        label={t("monitoring.action.delete")}
        title={t("statusAdmin.deleteMonitor.title", { name })}
        description={t("statusAdmin.deleteMonitor.body")}
        buttonClassName={`${secondaryButtonClass} text-red-800`}
        disabled={busy}
        onConfirm={() => remove.mutateAsync({ id })}
      />
    </div>
  );
}
