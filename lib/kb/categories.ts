import type { Locale } from "@/lib/i18n";

/** Help-center categories. Content files name them by slug; the names and blurbs live here, in both languages. */
export const CATEGORIES = [
  {
    slug: "getting-started",
    name: { en: "Using the help center", ru: "Как пользоваться поддержкой" },
    blurb: {
      en: "Filing and following tickets, statuses and priorities.",
      ru: "Как создать обращение и следить за ним, статусы и приоритеты.",
    },
  },
  {
    slug: "incidents",
    name: { en: "Incidents and outages", ru: "Инциденты и сбои" },
    blurb: {
      en: "Reporting an outage, what happens next, and slow sites.",
      ru: "Как сообщить о сбое, что происходит дальше и что делать, если сайт тормозит.",
    },
  },
  {
    slug: "sla",
    name: { en: "SLA and response times", ru: "SLA и сроки ответа" },
    blurb: { en: "What we promise, business hours, escalation and uptime.", ru: "Что мы обещаем, рабочие часы, эскалация и доступность." },
  },
  {
    slug: "status-page",
    name: { en: "Status page and monitoring", ru: "Страница статуса и мониторинг" },
    blurb: {
      en: "Reading the status page, subscriptions, incident stages.",
      ru: "Как читать страницу статуса, подписки, этапы инцидента.",
    },
  },
  {
    slug: "account-security",
    name: { en: "Account and security", ru: "Аккаунт и безопасность" },
    blurb: {
      en: "Passwords, two-factor sign-in, phishing and suspected breaches.",
      ru: "Пароли, двухфакторный вход, фишинг и подозрение на взлом.",
    },
  },
  {
    slug: "backups",
    name: { en: "Backups and data recovery", ru: "Резервные копии и восстановление" },
    blurb: {
      en: "What we back up, how long we keep it, and how to ask for a restore.",
      ru: "Что мы копируем, сколько храним и как запросить восстановление.",
    },
  },
  {
    slug: "maintenance",
    name: { en: "Maintenance and updates", ru: "Обслуживание и обновления" },
    blurb: {
      en: "Maintenance windows, CMS and plugin updates, emergency security patches.",
      ru: "Окна обслуживания, обновления CMS и плагинов, срочные исправления безопасности.",
    },
  },
] as const;

export type CategorySlug = (typeof CATEGORIES)[number]["slug"];
export const CATEGORY_SLUGS = CATEGORIES.map((c) => c.slug) as [CategorySlug, ...CategorySlug[]];

export function getCategory(slug: string) {
  return CATEGORIES.find((c) => c.slug === slug);
}

export function categoryName(slug: string, locale: Locale): string {
  return getCategory(slug)?.name[locale] ?? slug;
}
