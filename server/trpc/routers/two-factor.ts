import "server-only";
import { enrollingProcedure, procedure, publicProcedure, rateLimited, router, type TRPCContext } from "../init";
import { getAuthSecret } from "../../env";
import { getRateLimits } from "../../shared-state/rate-limits";
import { twoFactorDefaults } from "../../two-factor/config";
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  getTwoFactorStatus,
  removeOwnPasskey,
  replaceRecoveryCodesFor,
  startPasskeyRegistration,
} from "../../two-factor/enrolment";
import { addPasskey, passkeySignInOptions, relyingPartyFor } from "../../two-factor/passkeys";
import { getTwoFactorPolicy, setTwoFactorPolicy } from "../../two-factor/policy";
import { getUserTwoFactor, resetUserTwoFactor } from "../../two-factor/admin-reset";
import { ZAddPasskey, ZConfirmEnrolment, ZOwnerProof, ZRemovePasskey, ZSetPolicy, ZUserId } from "../../two-factor/schemas";

const deps = (ctx: TRPCContext) => ({
  authSecret: getAuthSecret(),
  limits: ctx.rateLimits ?? getRateLimits(),
  relyingParty: relyingPartyFor(ctx.appUrl),
});

// The actor's own second factor: enrollingProcedure, so that someone whose role requires it can set it up
// before anything else (turning it off makes them due again at once). Every code or password tried counts
// against the account's two-factor back-off.
export const twoFactorRouter = router({
  status: enrollingProcedure.query(({ ctx }) => getTwoFactorStatus(ctx.db, ctx.actor, twoFactorDefaults())),
  begin: enrollingProcedure
    .use(rateLimited("two-factor-begin", 30, 3_600_000))
    .mutation(({ ctx }) => beginEnrolment(ctx.db, ctx, deps(ctx))),
  confirm: enrollingProcedure.input(ZConfirmEnrolment).mutation(({ ctx, input }) => confirmEnrolment(ctx.db, ctx, input, deps(ctx))),
  disable: enrollingProcedure.input(ZOwnerProof).mutation(({ ctx, input }) => disableTwoFactor(ctx.db, ctx, input, deps(ctx))),
  replaceRecoveryCodes: enrollingProcedure
    .input(ZOwnerProof)
    .mutation(({ ctx, input }) => replaceRecoveryCodesFor(ctx.db, ctx, input, deps(ctx))),
  // Passkeys: adding one starts with the password or a code; the options for signing in are public (no account named).
  passkeyRegistration: enrollingProcedure
    .use(rateLimited("passkey-registration", 30, 3_600_000))
    .input(ZOwnerProof)
    .mutation(({ ctx, input }) => startPasskeyRegistration(ctx.db, ctx, input, deps(ctx))),
  addPasskey: enrollingProcedure.input(ZAddPasskey).mutation(({ ctx, input }) => addPasskey(ctx.db, ctx, input, deps(ctx).relyingParty)),
  removePasskey: enrollingProcedure.input(ZRemovePasskey).mutation(({ ctx, input }) => removeOwnPasskey(ctx.db, ctx, input, deps(ctx))),
  passkeySignInOptions: publicProcedure
    .use(rateLimited("passkey-sign-in-options", 60, 600_000))
    .mutation(({ ctx }) => passkeySignInOptions(ctx.db, relyingPartyFor(ctx.appUrl), ctx.now())),
  // Admins: which roles must use it, and a user's second factor (seen and reset).
  policy: procedure("user.manage").query(({ ctx }) => getTwoFactorPolicy(ctx.db, twoFactorDefaults())),
  setPolicy: procedure("user.manage")
    .input(ZSetPolicy)
    .mutation(({ ctx, input }) => setTwoFactorPolicy(ctx.db, ctx, input, twoFactorDefaults())),
  userStatus: procedure("user.manage")
    .input(ZUserId)
    .query(({ ctx, input }) => getUserTwoFactor(ctx.db, input.userId)),
  reset: procedure("user.manage")
    .input(ZUserId)
    .mutation(({ ctx, input }) => resetUserTwoFactor(ctx.db, ctx, input)),
});
