import "server-only";
import { z } from "zod";
import { msg } from "@/lib/i18n";
import { ROLES } from "../auth/permissions";

/** A code as typed: six digits from the app, or a recovery code (spaces and dashes allowed). */
export const ZCode = z.string().trim().min(1, msg("twoFactor.err.code")).max(64, msg("twoFactor.err.code"));
export const ZConfirmEnrolment = z.object({ code: ZCode });
/** A code or the password proves the owner before the second factor is turned off or its codes replaced. */
export const ZOwnerProof = z
  .object({ code: ZCode.optional(), password: z.string().min(1).max(200).optional() })
  .refine((v) => !!v.code || !!v.password, { message: msg("twoFactor.err.proof"), path: ["code"] });
export const ZSetPolicy = z.object({ roles: z.array(z.enum(ROLES)).max(ROLES.length) });
export const ZUserId = z.object({ userId: z.number().int().positive() });
