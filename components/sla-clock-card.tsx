import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import type { Locale, Translator } from "@/lib/i18n";
import { Card } from "./ui";
import { SlaCountdown, formatSlaDuration } from "./sla-countdown";

/** "Tue 3 Mar, 10:30" in the calendar's zone (UTC for calendar time). */
function formatDue(locale: Locale, ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(ms));
}

/**
 * The ticket's SLA clocks, explained: each running target with its countdown and due time in the calendar's zone,
 * the policy, the time spent paused, and the targets already met or missed. Staff only (sla.ticket is NOT_FOUND
 * for anyone else, and the card is then left out).
 */
export async function SlaClockCard({ ticketId }: { ticketId: number }) {
  const { t, locale } = await getT();
  const api = await serverApi();
  const sla = await api.sla.ticket({ ticketId }).catch(() => null);
  if (!sla) return null;
  const zone = sla.timeZone ?? "UTC";
  const metric = (m: string, tr: Translator) => tr(`sla.metric.${m}`);
  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold">{t("sla.card.title")}</h2>
      {sla.policy === null ? (
        <p className="text-sm text-slate-700">{t("sla.card.noPolicy")}</p>
      ) : (
        <div className="space-y-3 text-sm" data-testid="sla-card">
          <p className="text-slate-700">
            {t("sla.card.policy", { policy: sla.policy })} · {sla.timeZone ?? t("sla.card.calendarTime")}
          </p>
          <ul className="space-y-2">
            {sla.clocks.map((c) => (
              <li key={c.metric} className="space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <SlaCountdown dueAt={c.dueAt} warnAt={c.warnAt} paused={c.paused} />
                  <span>
                    {c.dueAt === null
                      ? t("sla.card.pausedNow", { metric: metric(c.metric, t) })
                      : t("sla.card.due", { metric: metric(c.metric, t), when: formatDue(locale, c.dueAt, zone), zone })}
                  </span>
                </div>
                {c.pausedMinutes > 0 && (
                  <p className="text-slate-700">{t("sla.card.pausedFor", { duration: formatSlaDuration(c.pausedMinutes * 60_000, t) })}</p>
                )}
              </li>
            ))}
          </ul>
          {sla.results.length > 0 && (
            <div>
              <h3 className="font-semibold text-slate-700">{t("sla.card.results")}</h3>
              <ul className="space-y-1">
                {sla.results.map((r, i) => (
                  <li key={i} className={r.met ? "text-green-900" : "text-red-900"}>
                    {r.met
                      ? t("sla.card.met", { metric: metric(r.metric, t) })
                      : t("sla.card.metLate", { metric: metric(r.metric, t), minutes: r.minutesLate })}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
