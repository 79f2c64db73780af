import "server-only";
import type { ComponentStatus, IncidentImpact, IncidentStatus, MonitorKind } from "../db/schema";

/** The content of the status page demo (server/seed/seed-status.ts), consistent with content/FACTS.md. */

const MIN = 60_000;
const H = 60 * MIN;
/** A time of day, UTC (Moscow is three hours ahead). */
const at = (h: number, m: number) => h * H + m * MIN;

export interface Outage {
  slug: string;
  from: number;
  to: number;
  result: "down" | "degraded" | "maintenance";
}

export const DEMO_GROUPS = [
  { en: "Website", ru: "Сайт" },
  { en: "Services", ru: "Сервисы" },
] as const;

interface DemoMonitor {
  name: string;
  kind: MonitorKind;
  /** A path of this app for HTTP monitors, host:port for TCP, nothing for a heartbeat. */
  target: string;
  interval: number;
  /** Whether the demo history is written for this monitor (one per component). */
  history: boolean;
  latencyMs: number | null;
}

const http = (name: string, path: string, interval: number, latencyMs: number): DemoMonitor => ({
  name,
  kind: "http",
  target: path,
  interval,
  history: true,
  latencyMs,
});

export const DEMO_COMPONENTS: {
  slug: string;
  group: number;
  name: { en: string; ru: string };
  description: { en: string; ru: string };
  monitors: DemoMonitor[];
}[] = [
  {
    slug: "website",
    group: 0,
    name: { en: "Website", ru: "Сайт" },
    description: { en: "Public pages of the hosted sites.", ru: "Публичные страницы сайтов на нашем хостинге." },
    monitors: [http("Website home page", "/help", 30, 180)],
  },
  {
    slug: "checkout",
    group: 0,
    name: { en: "Checkout", ru: "Оформление заказа" },
    description: { en: "Cart, payment and order confirmation.", ru: "Корзина, оплата и подтверждение заказа." },
    monitors: [http("Checkout health check", "/api/health", 30, 260)],
  },
  {
    slug: "admin",
    group: 0,
    name: { en: "Admin panel", ru: "Панель управления" },
    description: { en: "The CMS admin area where you edit your site.", ru: "Административная часть CMS, где вы редактируете сайт." },
    monitors: [http("Admin sign-in page", "/signin", 60, 340)],
  },
  {
    slug: "email",
    group: 1,
    name: { en: "Email delivery", ru: "Доставка писем" },
    description: {
      en: "Notifications and order emails sent by your site.",
      ru: "Уведомления и письма о заказах, которые отправляет ваш сайт.",
    },
    monitors: [
      { name: "Mail queue heartbeat", kind: "heartbeat", target: "", interval: 60, history: true, latencyMs: null },
      { name: "SMTP relay", kind: "tcp", target: "127.0.0.1:2525", interval: 60, history: false, latencyMs: null },
    ],
  },
  {
    slug: "api",
    group: 1,
    name: { en: "API", ru: "API" },
    description: { en: "The REST API used by integrations and mobile apps.", ru: "REST API для интеграций и мобильных приложений." },
    monitors: [http("Status API", "/api/status", 60, 120)],
  },
  {
    slug: "search",
    group: 1,
    name: { en: "Search", ru: "Поиск" },
    description: { en: "Site search and the help-center search.", ru: "Поиск по сайту и по справочному центру." },
    monitors: [http("Help-center search", "/api/search?q=backup&locale=en", 60, 95)],
  },
];

export const DEMO_MAINTENANCE = [
  {
    title: "Database server upgrade",
    body: "We are upgrading the database server to a new minor version. The website, checkout and admin panel may be unavailable for up to 15 minutes during the window.",
    components: ["website", "checkout", "admin"],
  },
  {
    title: "CMS core and plugin updates",
    body: "Monthly update of the CMS core and plugins, tested on staging first. The admin panel may be briefly unavailable (under 5 minutes); the public website stays up.",
    components: ["admin"],
  },
] as const;

export interface DemoIncident {
  daysAgo: number;
  title: string;
  impact: IncidentImpact;
  auto: boolean;
  components: string[];
  componentStatus: ComponentStatus;
  outages: Outage[];
  /** Times are from the UTC midnight of the incident's day. */
  updates: { at: number; status: IncidentStatus; body: string }[];
  postmortem?: string;
  /** A postmortem still being written: stored, never shown. */
  draftPostmortem?: string;
}

export const DEMO_INCIDENTS: DemoIncident[] = [
  {
    daysAgo: 62,
    title: "Checkout errors after a payment provider outage",
    impact: "major",
    auto: true,
    components: ["checkout"],
    componentStatus: "partial_outage",
    outages: [{ slug: "checkout", from: at(10, 12), to: at(10, 59), result: "down" }],
    updates: [
      {
        at: at(10, 15),
        status: "investigating",
        body: "Our monitors report that checkout answers with an error page after three failed checks in a row. We are investigating.",
      },
      {
        at: at(10, 31),
        status: "identified",
        body: "Our payment provider's API times out for most requests. We are switching checkout to the backup payment gateway.",
      },
      {
        at: at(11, 2),
        status: "monitoring",
        body: "Payments now go through the backup gateway and checkout answers again. We are watching the error rate.",
      },
      {
        at: at(12, 10),
        status: "resolved",
        body: "Checkout has worked normally for over an hour. Orders that failed between 13:12 and 13:59 Moscow time were not charged and can be placed again. A postmortem will follow.",
      },
    ],
    postmortem: `## Summary

For 47 minutes (13:12–13:59 Moscow time) customers could not pay at checkout: our payment provider's API
timed out and checkout showed an error page instead of falling back to the backup gateway.

## Timeline (Moscow time)

- **13:12** the first checks fail; after three failures in a row the incident opens automatically.
- **13:31** the cause is found: the provider's API times out for most requests.
- **13:59** checkout is switched to the backup gateway by hand and answers again.
- **15:10** the incident is resolved after an hour without errors.

## Root cause

Checkout waited 60 seconds for the provider before giving up, so requests piled up and the page failed
before the automatic fallback to the backup gateway could start.

## What we are changing

1. The provider timeout is now 8 seconds, and the fallback starts after 5 failures in a minute.
2. A monitor now checks the payment step itself, not only the checkout page.
3. Failed orders are listed for the support team, so we can contact customers the same day.

No card was charged twice and no order data was lost.`,
  },
  {
    daysAgo: 33,
    title: "Slow admin panel during the nightly backup",
    impact: "minor",
    auto: false,
    components: ["admin"],
    componentStatus: "degraded",
    outages: [{ slug: "admin", from: at(0, 2), to: at(0, 38), result: "degraded" }],
    updates: [
      {
        at: at(0, 12),
        status: "investigating",
        body: "Pages of the admin panel take several seconds to open. The public website is not affected.",
      },
      {
        at: at(0, 25),
        status: "identified",
        body: "The nightly backup that starts at 03:00 Moscow time competes with the admin panel for disk access.",
      },
      { at: at(0, 45), status: "monitoring", body: "The backup has finished and the admin panel is fast again." },
      {
        at: at(1, 30),
        status: "resolved",
        body: "Resolved. We are moving the disk-heavy step of the backup to a separate replica so it cannot slow the admin panel down again.",
      },
    ],
  },
  {
    daysAgo: 18,
    title: "Delayed email notifications",
    impact: "minor",
    auto: false,
    components: ["email"],
    componentStatus: "partial_outage",
    outages: [],
    updates: [
      {
        at: at(7, 40),
        status: "investigating",
        body: "Some customers report that order and ticket emails arrive 20 to 30 minutes late. We are investigating.",
      },
      {
        at: at(8, 5),
        status: "identified",
        body: "One of our mail provider's outgoing servers is throttling our messages. Email is queued, not lost.",
      },
      { at: at(9, 20), status: "monitoring", body: "The provider lifted the limit and the queue is draining." },
      { at: at(10, 5), status: "resolved", body: "All queued email has been delivered. No message was lost." },
    ],
  },
  {
    daysAgo: 6,
    title: "Website and API unavailable",
    impact: "critical",
    auto: true,
    components: ["website", "api"],
    componentStatus: "major_outage",
    outages: [
      { slug: "website", from: at(13, 2), to: at(13, 16), result: "down" },
      { slug: "api", from: at(13, 2), to: at(13, 16), result: "down" },
    ],
    updates: [
      { at: at(13, 4), status: "investigating", body: "Our monitors report that the website does not respond. We are investigating." },
      {
        at: at(13, 11),
        status: "identified",
        body: "A load balancer configuration change sent traffic to a server that was being retired. We are rolling the change back.",
      },
      { at: at(13, 17), status: "monitoring", body: "The change has been rolled back; the website and the API answer again." },
      {
        at: at(13, 50),
        status: "resolved",
        body: "Everything has worked normally for half an hour. The website and the API were unavailable from 16:02 to 16:16 Moscow time.",
      },
    ],
    draftPostmortem: "## Summary\n\nDraft: the load balancer change and how it passed review.",
  },
];
