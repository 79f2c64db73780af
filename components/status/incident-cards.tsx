import Link from "next/link";
import { formatDateTime, type Locale, type Translator } from "@/lib/i18n";
import { localePath } from "@/lib/i18n/paths";
import type { IncidentSummary, IncidentWithUpdates } from "@/server/status/find-incidents";
import type { MaintenanceView } from "@/server/status/find-maintenance";
import { IMPACT_BADGE } from "./status-style";

export function ImpactBadge({ impact, t }: { impact: IncidentSummary["impact"]; t: Translator }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${IMPACT_BADGE[impact]}`}>
      {t("status.impact.label", { impact: t(`status.impact.${impact}`) })}
    </span>
  );
}

/** An incident in progress: its stage, the latest update and what it touches. */
export function ActiveIncidentCard({ i, t, locale }: { i: IncidentWithUpdates; t: Translator; locale: Locale }) {
  const latest = i.updates[0];
  return (
    <article className="rounded-lg border-l-4 border-orange-600 bg-white p-5 shadow-sm" aria-labelledby={`incident-${i.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`incident-${i.id}`} className="text-lg font-semibold">
          <Link
            href={localePath(locale, `/status/incidents/${i.id}`)}
            className="text-slate-900 underline decoration-slate-400 hover:decoration-slate-900"
          >
            {i.title}
          </Link>
        </h3>
        <ImpactBadge impact={i.impact} t={t} />
      </div>
      <p className="mt-1 text-sm text-slate-700">
        <strong className="text-slate-900">{t(`status.stage.${i.status}`)}</strong> ·{" "}
        {t("status.incident.started", { date: formatDateTime(locale, i.startedAt) })}
      </p>
      {latest && (
        <div className="mt-3">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-700">
            {t("status.incident.latest", { date: formatDateTime(locale, latest.createdAt) })}
          </p>
          <p className="mt-1 whitespace-pre-line text-slate-900">{latest.body}</p>
        </div>
      )}
      {i.components.length > 0 && (
        <p className="mt-3 text-sm text-slate-700">
          {t("status.incident.affected", { names: i.components.map((c) => c.name).join(", ") })}
        </p>
      )}
    </article>
  );
}

export function MaintenanceCard({ m, t, locale }: { m: MaintenanceView; t: Translator; locale: Locale }) {
  return (
    <article
      id={`maintenance-${m.id}`}
      className="rounded-lg border-l-4 border-blue-700 bg-white p-5 shadow-sm"
      aria-labelledby={`maintenance-${m.id}-title`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`maintenance-${m.id}-title`} className="text-lg font-semibold text-slate-900">
          {m.title}
        </h3>
        <span className="inline-flex rounded-full bg-blue-100 px-2 py-0.5 text-xs font-semibold text-blue-900">
          {t(`status.maint.${m.status}`)}
        </span>
      </div>
      <p className="mt-1 text-sm font-medium text-slate-800">
        {t("status.maint.window", { start: formatDateTime(locale, m.startsAt), end: formatDateTime(locale, m.endsAt) })}
      </p>
      {m.body && <p className="mt-2 whitespace-pre-line text-slate-900">{m.body}</p>}
      {m.components.length > 0 && (
        <p className="mt-2 text-sm text-slate-700">
          {t("status.incident.affected", { names: m.components.map((c) => c.name).join(", ") })}
        </p>
      )}
    </article>
  );
}

/** Past incidents, newest first. */
export function IncidentHistoryList({ items, t, locale }: { items: IncidentSummary[]; t: Translator; locale: Locale }) {
  if (items.length === 0) return <p className="text-slate-700">{t("status.history.empty")}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {items.map((i) => (
        <li key={i.id} className="p-4">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={localePath(locale, `/status/incidents/${i.id}`)} className="font-semibold text-blue-800 underline">
              {i.title}
            </Link>
            <ImpactBadge impact={i.impact} t={t} />
          </div>
          <p className="mt-1 text-sm text-slate-700">
            {t(`status.stage.${i.status}`)} · {t("status.incident.started", { date: formatDateTime(locale, i.startedAt) })}
            {i.resolvedAt !== null && <> · {t("status.incident.resolvedAt", { date: formatDateTime(locale, i.resolvedAt) })}</>}
          </p>
          {i.components.length > 0 && (
            <p className="text-sm text-slate-700">{t("status.incident.affected", { names: i.components.map((c) => c.name).join(", ") })}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
