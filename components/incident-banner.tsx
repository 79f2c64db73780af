"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { useT } from "@/lib/i18n/client";
import { localePath } from "@/lib/i18n/paths";
import type { StatusJson } from "@/server/status/get-status-page";

type Active = StatusJson["activeIncidents"];

/**
 * The active incident, shown on the help center and the new-ticket form: asked from /api/status after the
 * page loads, so cached pages stay the same for everyone. Shows nothing while all is well or on error.
 */
export function IncidentBanner() {
  const { t, locale } = useT();
  const [active, setActive] = useState<Active>([]);

  useEffect(() => {
    const ctrl = new AbortController();
    fetch(`/api/status?lang=${locale}`, { signal: ctrl.signal })
      .then((r) => (r.ok ? (r.json() as Promise<StatusJson>) : null))
      .then((data) => setActive(data?.activeIncidents ?? []))
      .catch(() => {});
    return () => ctrl.abort();
  }, [locale]);

  const first = active[0];
  if (!first) return null;
  return (
    <aside
      aria-label={t("status.banner.label")}
      className="mb-6 rounded-lg border-l-4 border-orange-600 bg-orange-50 px-4 py-3 text-slate-900"
    >
      <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <strong>{first.title}</strong>
        <span className="text-sm">
          {t(`status.stage.${first.status}`)} · {t("status.impact.label", { impact: t(`status.impact.${first.impact}`) })}
        </span>
        <Link href={localePath(locale, `/status/incidents/${first.id}`)} className="text-sm font-semibold text-blue-800 underline">
          {t("status.banner.details")}
        </Link>
        {active.length > 1 && (
          <Link href={localePath(locale, "/status")} className="text-sm text-blue-800 underline">
            {t("status.banner.more", { n: active.length - 1 })}
          </Link>
        )}
      </p>
    </aside>
  );
}
