import { can } from "@/server/auth/permissions";
import type { Role } from "@/server/db/schema";
import type { Locale, Translator } from "@/lib/i18n";
import { localePath } from "@/lib/i18n/paths";

/** The navigation for a role: one list, used by the signed-in header and the public one. */
export function navLinks(actor: { role: Role } | null, t: Translator, locale: Locale): { href: string; label: string }[] {
  const links = [
    { href: localePath(locale, "/help"), label: t("nav.help") },
    { href: localePath(locale, "/faq"), label: t("nav.faq") },
    { href: localePath(locale, "/status"), label: t("nav.status") },
  ];
  const staff = can(actor, "inbox.view");
  if (can(actor, "ticket.read.own") && !staff) links.push({ href: "/tickets", label: t("nav.myTickets") });
  if (can(actor, "ticket.create") && !staff) links.push({ href: "/tickets/new", label: t("nav.newTicket") });
  if (staff) links.push({ href: "/inbox", label: t("nav.inbox") });
  if (can(actor, "incident.manage")) links.push({ href: "/incidents", label: t("nav.incidents") });
  if (can(actor, "article.edit")) links.push({ href: "/kb", label: t("nav.kb") });
  if (can(actor, "monitor.manage")) links.push({ href: "/admin/monitors", label: t("nav.monitors") });
  if (can(actor, "status.manage")) links.push({ href: "/admin/status", label: t("nav.components") });
  if (can(actor, "user.manage")) links.push({ href: "/admin/users", label: t("nav.users") });
  if (can(actor, "audit.read")) links.push({ href: "/admin/audit", label: t("nav.audit") });
  if (can(actor, "outbox.read")) links.push({ href: "/admin/outbox", label: t("nav.outbox") });
  return links;
}
