import "server-only";
import { z } from "zod";
import { msg } from "@/lib/i18n";
import { ROLES } from "../auth/permissions";
import { zText } from "@/lib/text-field";

/** A code as typed: six digits from the app, or a recovery code (spaces and dashes allowed). */
export const ZCode = z.string().trim().min(1, msg("twoFactor.err.code")).max(64, msg("twoFactor.err.code"));
export const ZConfirmEnrolment = z.object({ code: ZCode });
/** A code or the password proves the owner before the second factor is turned off or its codes replaced. */
export const ZOwnerProof = z
  .object({ code: ZCode.optional(), password: z.string().min(1).max(200).optional() })
  .refine((v) => !!v.code || !!v.password, { message: msg("twoFactor.err.proof"), path: ["code"] });
export const ZSetPolicy = z.object({ roles: z.array(z.enum(ROLES)).max(ROLES.length) });
export const ZUserId = z.object({ userId: z.number().int().positive() });

/**
 * What @simplewebauthn/browser's startRegistration returns, checked for shape and size (the library checks the
 * rest); fields the server does not read are dropped.
 */
export const ZRegistrationResponse = z.object({
  id: z.string().min(1).max(1400),
  rawId: z.string().min(1).max(1400),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: z.string().max(4000),
    attestationObject: z.string().max(32_000),
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
  clientExtensionResults: z.unknown(),
  authenticatorAttachment: z.string().max(32).optional(),
});
export const ZAddPasskey = z.object({
  name: zText().trim().min(1, msg("twoFactor.err.passkeyName")).max(100, msg("twoFactor.err.passkeyName")),
  response: ZRegistrationResponse,
});
export const ZRemovePasskey = z
  .object({ id: z.number().int().positive(), code: ZCode.optional(), password: z.string().min(1).max(200).optional() })
  .refine((v) => !!v.code || !!v.password, { message: msg("twoFactor.err.proof"), path: ["code"] });
