import "server-only";

/**
 * Every kind of staff notification, with its defaults, in one place. Adding a kind: one line here and its
 * strings in lib/i18n/sections/desk-flow.{en,ru}.ts: "notify.kind.<kind>" (the switch's label),
 * "notify.text.<kind>" (the in-app sentence) and "notify.email.<kind>.subject" / ".body" (kinds.test.ts checks them).
 * Each sentence may use {id} and {subject} of the ticket, {actor} (who caused it), {link} (emails) and the
 * caller's own vars. Words are never stored in vars: an SLA notification stores {metric} (a key) and {dueAt}
 * (epoch ms), and each reader gets {target} and {due} in their language (localizeVars in notify.ts).
 */
export const NOTIFICATION_KINDS = {
  /** A ticket was assigned to you (by someone else or by round-robin). */
  assigned: { inApp: true, email: true },
  /** The requester replied on a ticket assigned to you. */
  customer_replied: { inApp: true, email: true },
  /** Someone wrote @you in an internal note. */
  mentioned: { inApp: true, email: true },
  /** A ticket you are assigned to was merged into another (or another into it). */
  ticket_merged: { inApp: true, email: false },
  /** An SLA target of your ticket is close: vars {metric}, {dueAt}, read as {target}, {due}. */
  sla_warning: { inApp: true, email: false },
  /** An SLA target of your ticket was missed: vars {metric}, read as {target}. */
  sla_breach: { inApp: true, email: true },
  /** The requester rated the answer badly: vars {rating}, {comment}. */
  bad_rating: { inApp: true, email: true },
} as const satisfies Record<string, { inApp: boolean; email: boolean }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(v: string): v is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, v);
}
