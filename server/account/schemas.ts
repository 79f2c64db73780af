import "server-only";
import { z } from "zod";
import { msg } from "@/lib/i18n";
import { ZEmail, ZName } from "../users/schemas";

export const ZSetName = z.object({ name: ZName });
/** A new address, and the current password: an open session alone must not be enough to move the account. */
export const ZRequestEmailChange = z.object({
  email: ZEmail,
  password: z.string().min(1, msg("account.email.err.passwordEmpty")).max(200),
});
export const ZConfirmEmailChange = z.object({ token: z.string().min(20).max(100) });
export const ZRevokeSession = z.object({ id: z.string().min(1).max(32) });
