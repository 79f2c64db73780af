import type { Permission } from "@/server/auth/permissions";
import type { Locale, Translator } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";
import { localePath } from "@/lib/i18n/paths";

export type AdminGroup = "desk" | "people" | "status" | "records";

/** The administration pages, each behind its permission and in its group: listed on /admin and in the header's menu. */
export const ADMIN_PAGES: { href: string; label: MessageKey; permission: Permission; group: AdminGroup }[] = [
  { href: "/admin/macros", label: "macros.title", permission: "ticket.reply", group: "desk" },
  { href: "/admin/teams", label: "routing.teams.title", permission: "team.manage", group: "desk" },
  { href: "/admin/categories", label: "routing.categories.title", permission: "taxonomy.manage", group: "desk" },
  { href: "/admin/tags", label: "routing.tags.title", permission: "taxonomy.manage", group: "desk" },
  { href: "/admin/sla", label: "sla.admin.title", permission: "sla.manage", group: "desk" },
  { href: "/admin/calendars", label: "sla.calendars.title", permission: "sla.manage", group: "desk" },
  { href: "/admin/users", label: "nav.users", permission: "user.manage", group: "people" },
  { href: "/admin/security", label: "twoFactor.admin.nav", permission: "user.manage", group: "people" },
  { href: "/admin/retention", label: "privacy.nav.retention", permission: "privacy.manage", group: "people" },
  { href: "/admin/monitors", label: "nav.monitors", permission: "monitor.manage", group: "status" },
  { href: "/admin/status", label: "nav.components", permission: "status.manage", group: "status" },
  { href: "/admin/subscribers", label: "subscriptions.admin.title", permission: "status.manage", group: "status" },
  { href: "/kb/analytics", label: "nav.kbAnalytics", permission: "kb.analytics", group: "records" },
  { href: "/admin/audit", label: "nav.audit", permission: "audit.read", group: "records" },
  { href: "/admin/outbox", label: "nav.outbox", permission: "outbox.read", group: "records" },
];
export const ADMIN_GROUPS: AdminGroup[] = ["desk", "people", "status", "records"];

export interface NavLink {
  href: string;
  label: string;
}
/** A header entry: a link, or a menu of links in sections (staff have more pages than fit one line). */
export type NavItem = NavLink | { label: string; sections: { title?: string; links: NavLink[] }[] };

/**
 * The header's entries for what the reader may do: visitors and customers see every link; staff see the
 * help center's pages and the administration pages as two menus, so the header stays one line at 1280 px.
 */
export function navItems(permissions: readonly Permission[], t: Translator, locale: Locale): NavItem[] {
  const links = navLinks(permissions, t, locale);
  if (!permissions.includes("inbox.view")) return links;
  const [help, faq, status, ...rest] = links;
  const admin = ADMIN_PAGES.filter((p) => permissions.includes(p.permission));
  const items: NavItem[] = [{ label: t("nav.help"), sections: [{ links: [help, faq, status] }] }];
  for (const l of rest) {
    if (l.href !== "/admin") items.push(l);
    else
      items.push({
        label: t("firstHour.nav.adminMenu"),
        sections: [
          { links: [{ href: "/admin", label: t("firstHour.nav.adminHome") }] },
          ...ADMIN_GROUPS.map((g) => ({
            title: t(`firstHour.nav.group.${g}`),
            links: admin.filter((p) => p.group === g).map((p) => ({ href: p.href, label: t(p.label) })),
          })).filter((s) => s.links.length > 0),
        ],
      });
  }
  return items;
}

/**
 * The navigation for what the reader may do (`permissionsOf(actor)` on the server, `account.me` in the
 * browser): one list, used by the signed-in header and the public one.
 */
export function navLinks(permissions: readonly Permission[], t: Translator, locale: Locale): NavLink[] {
  const can = (p: Permission) => permissions.includes(p);
  const links = [
    { href: localePath(locale, "/help"), label: t("nav.help") },
    { href: localePath(locale, "/faq"), label: t("nav.faq") },
    { href: localePath(locale, "/status"), label: t("nav.status") },
  ];
  const staff = can("inbox.view");
  if (can("ticket.read.own") && !staff) links.push({ href: "/tickets", label: t("nav.myTickets") });
  if (can("ticket.create") && !staff) links.push({ href: "/tickets/new", label: t("nav.newTicket") });
  if (staff) links.push({ href: "/inbox", label: t("nav.inbox") });
  if (can("incident.manage")) links.push({ href: "/incidents", label: t("nav.incidents") });
  if (can("article.edit")) links.push({ href: "/kb", label: t("nav.kb") });
  if (ADMIN_PAGES.some((p) => can(p.permission))) links.push({ href: "/admin", label: t("nav.admin") });
  // Everyone signed in holds some permission: their account page (their data, deleting the account).
  if (permissions.length > 0) links.push({ href: "/account", label: t("privacy.nav.account") });
  return links;
}
