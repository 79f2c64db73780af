import "server-only";
import type { Tx } from "../db/dialect";
import type { Locale } from "../db/schema";
import { queueEmail } from "../email/queue-email";
import { ON_DUTY_ROLES } from "./on-duty";
import { translate, type MessageKey } from "@/lib/i18n";

export interface AlertMail {
  subject: MessageKey;
  body: MessageKey;
  vars: Record<string, string | number>;
}

type Recipient = { email: string; locale: Locale };

/** Active staff on duty; when nobody is on duty, the leads and admins, so an outage never goes unheard. */
export async function onDutyRecipients(trx: Tx): Promise<Recipient[]> {
  const onDuty = await trx
    .selectFrom("users")
    .select(["email", "locale"])
    .where("on_duty", "=", 1)
    .where("role", "in", ON_DUTY_ROLES)
    .where("disabled", "=", 0)
    .orderBy("id")
    .execute();
  return onDuty.length > 0 ? onDuty : leadRecipients(trx);
}

/** Active leads; admins stand in when there is no lead. */
export async function leadRecipients(trx: Tx): Promise<Recipient[]> {
  const rows = await trx
    .selectFrom("users")
    .select(["email", "locale", "role"])
    .where("role", "in", ["lead", "admin"])
    .where("disabled", "=", 0)
    .orderBy("id")
    .execute();
  const leads = rows.filter((r) => r.role === "lead");
  return (leads.length > 0 ? leads : rows).map(({ email, locale }) => ({ email, locale }));
}

/** One email per recipient, in their language, through the outbox (in the caller's transaction). */
export async function mailStaff(trx: Tx, now: number, to: Recipient[], mail: AlertMail): Promise<number> {
  for (const r of to) {
    await queueEmail(trx, now, {
      to: r.email,
      subject: translate(r.locale, mail.subject, mail.vars),
      text: translate(r.locale, mail.body, mail.vars),
    });
  }
  return to.length;
}
