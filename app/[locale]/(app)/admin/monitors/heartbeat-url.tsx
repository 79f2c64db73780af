"use client";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import { ConfirmDelete } from "@/components/confirm-delete";

/** The secret URL, shown once; relative URLs (no APP_URL) are completed with this site's origin. */
export function HeartbeatUrl({ url }: { url: string }) {
  const { t } = useT();
  const full = url.startsWith("/") && typeof window !== "undefined" ? `${window.location.origin}${url}` : url;
  return (
    <div className="space-y-1">
      <label htmlFor="heartbeat-url" className="block text-sm font-semibold text-slate-800">
        {t("monitoring.heartbeat.url")}
      </label>
      <input
        id="heartbeat-url"
        readOnly
        value={full}
        onFocus={(e) => e.currentTarget.select()}
        className="block w-full rounded-md border border-slate-400 bg-slate-50 px-3 py-2 font-mono text-xs"
        aria-describedby="heartbeat-url-hint"
      />
      <p id="heartbeat-url-hint" className="text-sm text-amber-900">
        {t("monitoring.heartbeat.once")}
      </p>
    </div>
  );
}

/** On the detail page the URL is hidden; a new one can be generated (the old one stops working). */
export function HeartbeatPanel({ id }: { id: number }) {
  const { t } = useT();
  const trpc = useTRPC();
  const regen = useMutation(trpc.monitors.regenerateToken.mutationOptions());
  if (regen.data) return <HeartbeatUrl url={regen.data.heartbeatUrl} />;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">{t("monitoring.heartbeat.hidden")}</p>
      <ConfirmDelete
        label={t("monitoring.heartbeat.regenerate")}
        title={t("statusAdmin.regenerate.title")}
        description={t("statusAdmin.regenerate.body")}
        confirmLabel={t("statusAdmin.regenerate.confirm")}
        onConfirm={() => regen.mutateAsync({ id })}
      />
    </div>
  );
}
