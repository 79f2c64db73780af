"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { FormError, formErrorOf } from "@/components/form";
import { secondaryButtonClass } from "@/components/ui";

/** Pause or resume, and delete (after a confirmation). */
export function MonitorActions({ id, enabled }: { id: number; enabled: boolean }) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = { onSuccess: () => router.refresh() };
  const pause = useMutation(trpc.monitors.pause.mutationOptions(refresh));
  const resume = useMutation(trpc.monitors.resume.mutationOptions(refresh));
  const remove = useMutation(trpc.monitors.remove.mutationOptions({ onSuccess: () => router.push("/admin/monitors") }));
  const busy = pause.isPending || resume.isPending || remove.isPending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <FormError message={formErrorOf(pause.error ?? resume.error ?? remove.error, t("common.error"))} />
      <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => (enabled ? pause : resume).mutate({ id })}>
        {enabled ? t("monitoring.action.pause") : t("monitoring.action.resume")}
      </button>
      <button
        type="button"
        className={`${secondaryButtonClass} text-red-800`}
        disabled={busy}
        onClick={() => window.confirm(t("monitoring.action.deleteConfirm")) && remove.mutate({ id })}
      >
        {t("monitoring.action.delete")}
      </button>
    </div>
  );
}
