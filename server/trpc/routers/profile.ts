import "server-only";
import { authedProcedure, enforceRateLimit, enrollingProcedure, publicProcedure, rateLimited, router } from "../init";
import type { RateRule } from "../../shared-state/rate-limits";
import { getProfile } from "../../account/get-profile";
import { setOwnName } from "../../account/set-name";
import { confirmEmailChange, requestEmailChange } from "../../account/email-change";
import { ZConfirmEmailChange, ZRequestEmailChange, ZSetName } from "../../account/schemas";

const EMAIL_CHANGE_PER_ACCOUNT: RateRule = { name: "email-change", points: 10, durationSec: 3600 };

/** The signed-in person's own account: name and email address (locale: account.setLocale; on duty: monitors.setOnDuty). */
export const profileRouter = router({
  // Read by the account page, where someone who must still set up a second factor does so.
  get: enrollingProcedure.query(({ ctx }) => getProfile(ctx.db, ctx)),
  setName: authedProcedure.input(ZSetName).mutation(({ ctx, input }) => setOwnName(ctx.db, ctx, input)),
  // Checks the password (argon2) and sends mail: limited per account, so a stolen session cannot guess on.
  requestEmailChange: authedProcedure
    .use(async ({ ctx, next }) => {
      await enforceRateLimit(ctx, EMAIL_CHANGE_PER_ACCOUNT, `user:${ctx.actor.id}`);
      return next();
    })
    .input(ZRequestEmailChange)
    .mutation(({ ctx, input }) => requestEmailChange(ctx.db, ctx, input, ctx.appUrl)),
  // The link may be opened in a browser that is not signed in.
  confirmEmailChange: publicProcedure
    .use(rateLimited("email-change-confirm", 30, 3_600_000))
    .input(ZConfirmEmailChange)
    .mutation(({ ctx, input }) => confirmEmailChange(ctx.db, ctx, input)),
});
