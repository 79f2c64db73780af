import "server-only";
import type { Locale } from "../db/schema";
import type { EmailInput } from "../email/queue-email";
import { formatDateTime, translate } from "@/lib/i18n";
import type { EventComponent, LoadedEvent } from "./load-event";
import { confirmUrl, localized, unsubscribeUrls } from "./tokens";

/**
 * Outbox emails cannot carry headers yet, so `List-Unsubscribe` / `List-Unsubscribe-Post` (RFC 8058)
 * are not set: every message ends with both links in its text instead, the page with a button and the
 * one-click POST endpoint.
 */
function footer(locale: Locale, appUrl: string, unsubscribeToken: string): string {
  const u = unsubscribeUrls(appUrl, locale, unsubscribeToken);
  return translate(locale, "subscriptions.email.footer", { page: u.page, oneClick: u.oneClick });
}

function componentNames(locale: Locale, components: EventComponent[]): string {
  if (components.length === 0) return translate(locale, "subscriptions.email.noComponents");
  return components.map((c) => (locale === "ru" ? c.name_ru : c.name_en)).join(", ");
}

export function confirmationEmail(
  locale: Locale,
  appUrl: string,
  to: string,
  tokens: { confirm: string; unsubscribe: string },
): EmailInput {
  return {
    to,
    subject: translate(locale, "subscriptions.email.confirm.subject"),
    text: `${translate(locale, "subscriptions.email.confirm.body", { link: confirmUrl(appUrl, locale, tokens.confirm) })}\n\n—\n${footer(locale, appUrl, tokens.unsubscribe)}`,
  };
}

/** The public page of what an event is about, in the subscriber's language. */
export function eventUrl(appUrl: string, locale: Locale, ev: LoadedEvent): string {
  return localized(appUrl, locale, ev.incident ? `/status/incidents/${ev.incident.id}` : "/status");
}

/** "[Investigating] Checkout is not responding", with the text of the update and the links. */
export function notificationEmail(locale: Locale, appUrl: string, to: string, unsubscribeToken: string, ev: LoadedEvent): EmailInput {
  const link = eventUrl(appUrl, locale, ev);
  const affected = componentNames(locale, ev.components);
  let subject: string;
  let text: string;
  if (ev.incident) {
    const status = translate(locale, `subscriptions.incidentStatus.${ev.update.status}`);
    subject = `[${status}] ${ev.incident.title}`;
    text = translate(locale, "subscriptions.email.incident.body", {
      title: ev.incident.title,
      status,
      affected,
      body: ev.update.body,
      time: formatDateTime(locale, ev.occurredAt),
      link,
    });
  } else {
    const m = ev.maintenance;
    subject = `[${translate(locale, `subscriptions.event.${ev.event.type}`)}] ${m.title}`;
    text = translate(locale, "subscriptions.email.maintenance.body", {
      title: m.title,
      from: formatDateTime(locale, Number(m.starts_at)),
      to: formatDateTime(locale, Number(m.ends_at)),
      affected,
      body: m.body,
      link,
    });
  }
  return {
    to,
    subject,
    text: `${text}\n\n—\n${translate(locale, "subscriptions.email.why")}\n${footer(locale, appUrl, unsubscribeToken)}`,
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** The JSON a webhook receives; built once at fan-out so every retry sends the same bytes. */
export function webhookBody(locale: Locale, appUrl: string, ev: LoadedEvent): string {
  const components = ev.components.map((c) => ({
    id: c.id,
    slug: c.slug,
    name: locale === "ru" ? c.name_ru : c.name_en,
    ...(c.status ? { status: c.status } : {}),
  }));
  const base = { type: ev.event.type, occurredAt: iso(ev.occurredAt) };
  if (ev.incident) {
    const i = ev.incident;
    return JSON.stringify({
      ...base,
      incident: {
        id: i.id,
        title: i.title,
        status: i.status,
        impact: i.impact,
        startedAt: iso(i.started_at),
        resolvedAt: iso(i.resolved_at),
        components,
      },
      update: { id: ev.update.id, status: ev.update.status, body: ev.update.body, createdAt: iso(ev.update.created_at) },
      url: eventUrl(appUrl, locale, ev),
    });
  }
  const m = ev.maintenance;
  return JSON.stringify({
    ...base,
    maintenance: {
      id: m.id,
      title: m.title,
      body: m.body,
      status: m.status,
      startsAt: iso(m.starts_at),
      endsAt: iso(m.ends_at),
      components,
    },
    url: eventUrl(appUrl, locale, ev),
  });
}
