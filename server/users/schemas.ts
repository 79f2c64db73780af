import "server-only";
import { z } from "zod";
import { LOCALES, msg } from "@/lib/i18n";
import { ROLES, STAFF_ROLES } from "../auth/permissions";
import { zText } from "@/lib/text-field";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, msg("err.email.long"))
  .pipe(z.email(msg("err.email.invalid")));
export const ZPassword = z.string().min(10, msg("err.password.short")).max(200, msg("err.password.long"));
export const ZName = zText().trim().min(1, msg("err.name.empty")).max(120, msg("err.name.long"));
export const ZLocale = z.enum(LOCALES);
export const ZRole = z.enum(ROLES);
export const ZStaffRole = z.enum(STAFF_ROLES);

export const ZSignUp = z.object({ email: ZEmail, password: ZPassword, name: ZName, locale: ZLocale.default("en") });
export type TSignUp = z.input<typeof ZSignUp>;

/** A token from an emailed link (sign-up confirmation, password reset). */
export const ZLinkToken = z.string().min(20).max(100);
export const ZConfirmSignUp = z.object({ token: ZLinkToken });
export const ZRequestPasswordReset = z.object({ email: ZEmail, locale: ZLocale.default("en") });
export const ZResetPassword = z.object({ token: ZLinkToken, password: ZPassword });
export const ZChangePassword = z.object({ currentPassword: z.string().max(200, msg("err.password.long")), newPassword: ZPassword });
/** The live hint in password fields: the server's verdict, with whatever the form knows about the person. */
export const ZCheckPassword = z.object({
  password: z.string().max(200, msg("err.password.long")),
  name: z.string().max(120).optional(),
  email: z.string().max(254).optional(),
});

export const ZInvite = z.object({ email: ZEmail, name: ZName, role: ZStaffRole });
export const ZAcceptInvite = z.object({ token: z.string().min(20).max(100), password: ZPassword, name: ZName.optional() });
export const ZSetRole = z.object({ userId: z.number().int().positive(), role: ZRole });
export const ZSetDisabled = z.object({ userId: z.number().int().positive(), disabled: z.boolean() });
export const ZFindUsers = z.object({
  role: ZRole.optional(),
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
