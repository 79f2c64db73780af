import type { Permission } from "@/server/auth/permissions";
import type { Locale, Translator } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";
import { localePath } from "@/lib/i18n/paths";

/** The administration pages, each behind its permission: listed on /admin and counted for the header. */
export const ADMIN_PAGES: { href: string; label: MessageKey; permission: Permission }[] = [
  { href: "/admin/users", label: "nav.users", permission: "user.manage" },
  { href: "/admin/security", label: "twoFactor.admin.nav", permission: "user.manage" },
  { href: "/admin/retention", label: "privacy.nav.retention", permission: "privacy.manage" },
  { href: "/admin/monitors", label: "nav.monitors", permission: "monitor.manage" },
  { href: "/admin/status", label: "nav.components", permission: "status.manage" },
  { href: "/admin/subscribers", label: "subscriptions.admin.title", permission: "status.manage" },
  { href: "/kb/analytics", label: "nav.kbAnalytics", permission: "kb.analytics" },
  { href: "/admin/audit", label: "nav.audit", permission: "audit.read" },
  { href: "/admin/outbox", label: "nav.outbox", permission: "outbox.read" },
];

/**
 * The navigation for what the reader may do (`permissionsOf(actor)` on the server, `account.me` in the
 * browser): one list, used by the signed-in header and the public one.
 */
export function navLinks(permissions: readonly Permission[], t: Translator, locale: Locale): { href: string; label: string }[] {
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
