import "server-only";
import type { DB } from "../db";
import type { Actor, RequestCtx } from "../context";
import { saveTeam } from "../teams/teams";
import { saveCategory } from "../taxonomy/categories";
import { changeTicketTags, setTagCurated } from "../taxonomy/tags";
import { updateTicket } from "../tickets/update-ticket";
import { createSavedView } from "../inbox/saved-views";
import type { SeedTicket, StaffKey } from "./types";

/** The workspace around the demo tickets: two teams, categories, curated tags, and saved views, as a desk in use has them. */

type TeamKey = "web" | "infra";
const CATEGORIES = [
  { key: "signin", en: "Sign-in and accounts", ru: "Вход и аккаунты" },
  { key: "billing", en: "Billing and payments", ru: "Оплата и счета" },
  { key: "bugs", en: "Something on the site is broken", ru: "Что-то не работает на сайте" },
  { key: "email", en: "Email and domains", ru: "Почта и домены" },
  { key: "hosting", en: "Speed and hosting", ru: "Скорость и хостинг" },
  { key: "privacy", en: "Personal data", ru: "Персональные данные" },
  { key: "question", en: "A question", ru: "Вопрос" },
] as const;
type CategoryKey = (typeof CATEGORIES)[number]["key"];

/** How the team sorts its tickets, by what the subject says; the first rule that matches wins. */
const RULES: { test: RegExp; category: CategoryKey; tags: string[]; team: TeamKey }[] = [
  { test: /GDPR|personal data|персональн/i, category: "privacy", tags: ["gdpr"], team: "web" },
  { test: /password|sign in|two-factor|admin for|парол|двухфактор|войти/i, category: "signin", tags: ["sign-in"], team: "web" },
  { test: /invoice|billing|счёт|счету|оплат|shipping/i, category: "billing", tags: ["billing"], team: "web" },
  { test: /e-?mails?|spam|bounc|newsletter|письма|спам/i, category: "email", tags: ["email"], team: "infra" },
  { test: /domain|DNS|certificate|HTTPS|сертификат|домен/i, category: "email", tags: ["dns-ssl"], team: "infra" },
  {
    test: /slow|times out|502|cron|memory|backup|maintenance|медленно|cron|выгрузк|технические работы/i,
    category: "hosting",
    tags: ["hosting"],
    team: "infra",
  },
  { test: /layout|plugin|photo|image|upload|RSS|page|вёрстк|фотограф/i, category: "bugs", tags: ["site-bug"], team: "web" },
];

export interface DemoWorkspace {
  teams: Record<TeamKey, number>;
  categories: Record<CategoryKey, number>;
}

/** Teams, categories and curated tags, set up by the admin before the first ticket arrives. */
export async function createDemoWorkspace(db: DB, admin: RequestCtx, actors: Record<StaffKey, Actor>): Promise<DemoWorkspace> {
  const teams: Record<TeamKey, number> = {
    web: (await saveTeam(db, admin, { name: "Web support", leadId: actors.irina.id, memberIds: [actors.sam.id] })).id,
    infra: (await saveTeam(db, admin, { name: "Infrastructure", leadId: actors.alexei.id, memberIds: [actors.pavel.id] })).id,
  };
  const categories = {} as Record<CategoryKey, number>;
  for (const [position, c] of CATEGORIES.entries())
    categories[c.key] = (await saveCategory(db, admin, { nameEn: c.en, nameRu: c.ru, position })).id;
  for (const name of ["billing", "sign-in", "email", "dns-ssl", "hosting", "site-bug", "gdpr", "vip"])
    await setTagCurated(db, admin, { name, curated: true });
  return { teams, categories };
}

/** The lead's triage of a new ticket: its category, its team and its tags, by what the subject says. */
export async function triageDemoTicket(db: DB, lead: RequestCtx, ws: DemoWorkspace, t: SeedTicket, ticketId: number): Promise<void> {
  const rule = RULES.find((r) => r.test.test(t.subject));
  await updateTicket(db, lead, {
    ticketId,
    categoryId: ws.categories[rule?.category ?? "question"],
    teamId: rule ? ws.teams[rule.team] : null,
  });
  const tags = [...(rule?.tags ?? ["question"]), ...(t.priority === "urgent" ? ["vip"] : []), ...(/[а-яё]/i.test(t.subject) ? ["ru"] : [])];
  await changeTicketTags(db, lead, { ticketId, add: tags });
}

/** Views the team saved along the way: one shared with everyone, one with a team, one personal. */
export async function createDemoViews(db: DB, ctxOf: (key: StaffKey) => RequestCtx, ws: DemoWorkspace): Promise<void> {
  const lead = ctxOf("irina");
  await createSavedView(db, lead, {
    name: "Urgent, nobody on it",
    sharedWith: "everyone",
    filters: { view: "open", assignee: "none", priority: "urgent", sort: "urgent" },
  });
  await createSavedView(db, lead, {
    name: "Infrastructure queue",
    sharedWith: "team",
    teamId: ws.teams.infra,
    filters: { view: "open", team: ws.teams.infra, sort: "urgent" },
  });
  await createSavedView(db, ctxOf("sam"), { name: "My billing tickets", filters: { view: "mine", tag: "billing", sort: "updated" } });
}
