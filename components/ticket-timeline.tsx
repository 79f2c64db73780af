import type { TimelineEvent } from "@/server/tickets/timeline";
import { formatDateTime, type Locale, type Translator } from "@/lib/i18n";

/** One sentence for a timeline event: who did what. Shared by the conversation and the collision warning. */
export function describeEvent(e: Pick<TimelineEvent, "action" | "actor" | "before" | "after" | "names">, t: Translator): string {
  const actor = e.actor?.name || t("timeline.system");
  const before = e.before ?? {};
  const after = e.after ?? {};
  switch (e.action) {
    case "ticket.created":
      return t("timeline.created", { actor });
    case "ticket.replied":
      return typeof after.status === "string" && before.status && ["pending", "solved", "on_hold"].includes(String(before.status))
        ? t("timeline.reopened", { actor })
        : t("timeline.replied", { actor });
    case "ticket.note_added":
      return t("timeline.noted", { actor });
    case "ticket.status_changed":
      return t("timeline.status", { actor, from: t(`status.${String(before.status)}`), to: t(`status.${String(after.status)}`) });
    case "ticket.priority_changed":
      return t("timeline.priority", { actor, from: t(`priority.${String(before.priority)}`), to: t(`priority.${String(after.priority)}`) });
    case "ticket.assigned":
      return after.assigneeId === null || after.assigneeId === undefined
        ? t("timeline.unassigned", { actor })
        : t("timeline.assigned", { actor, to: e.names.assignee || `#${String(after.assigneeId)}` });
    case "ticket.team_changed":
      return t("timeline.team", { actor, to: e.names.team || (after.teamId ? `#${String(after.teamId)}` : t("timeline.nobody")) });
    case "ticket.category_changed":
      return t("timeline.category", { actor, to: e.names.category || t("timeline.nobody") });
    case "ticket.tags_changed":
      return `${t("timeline.tags", { actor })}: ${((after.tags as string[] | undefined) ?? []).join(", ") || "—"}`;
    case "ticket.merged":
      return typeof after.sourceId === "number"
        ? t("ticketLife.timeline.mergedFrom", { actor, from: after.sourceId })
        : t("timeline.merged", { actor });
    case "ticket.rated":
      return t(after.rating === "bad" ? "ticketLife.timeline.ratedBad" : "ticketLife.timeline.ratedGood", { actor });
    case "ticket.merged_into":
      return t("timeline.mergedInto", { actor, to: String(after.targetId ?? after.ticketId ?? "") });
    case "incident.ticket_linked":
      return `${t("timeline.incident", { actor })}${e.names.incident ? `: ${e.names.incident}` : ""}`;
    default: {
      // Other kinds (SLA steps, routing, notifications…) are one sentence each under "timeline.<action>", filled
      // from the event's names and its scalar "after" fields; a kind without a sentence shows its raw name.
      const key = `timeline.${e.action}`;
      const vars: Record<string, string | number> = { actor, ...e.names };
      for (const [k, v] of Object.entries(after)) if (typeof v === "string" || typeof v === "number") vars[k] ??= v;
      const text = t(key, vars);
      return text === key ? t("timeline.other", { actor, action: e.action }) : text;
    }
  }
}

/** A change shown between the messages of the conversation: a quiet line with its time. */
export function TimelineEntry({ event, t, locale }: { event: TimelineEvent; t: Translator; locale: Locale }) {
  return (
    <li className="flex flex-wrap items-baseline gap-x-2 px-2 text-sm text-slate-700" data-testid="timeline-event">
      <span aria-hidden="true" className="text-slate-400">
        •
      </span>
      <span>{describeEvent(event, t)}</span>
      <time dateTime={new Date(event.at).toISOString()} className="text-slate-600">
        {formatDateTime(locale, event.at)}
      </time>
    </li>
  );
}
