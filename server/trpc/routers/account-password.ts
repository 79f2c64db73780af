import "server-only";
import { authedProcedure, enforceRateLimit, publicProcedure, rateLimited } from "../init";
import { confirmSignUp, signUp } from "../../users/sign-up";
import { requestPasswordReset, resetPassword } from "../../users/password-reset";
import { changePassword } from "../../users/change-password";
import { checkPassword } from "../../auth/password-policy";
import { ZChangePassword, ZCheckPassword, ZConfirmSignUp, ZRequestPasswordReset, ZResetPassword, ZSignUp } from "../../users/schemas";
import { translate } from "@/lib/i18n";

const HOUR = 3_600_000;
// Per address as well as per client: neither form may become a way to flood someone's inbox. Counted the
// same whether the address has an account or not.
const SIGN_UP_PER_EMAIL = { name: "sign-up-email", points: 3, durationSec: 3600 };
const RESET_PER_EMAIL = { name: "password-reset-email", points: 3, durationSec: 3600 };
// A session left open must not become a way to guess the current password.
const CHANGE_PER_ACCOUNT = { name: "password-change", points: 10, durationSec: 3600 };

/** Sign-up, password reset and change, and the strength hint: part of the account router (account.*). */
export const accountPasswordProcedures = {
  signUp: publicProcedure
    .use(rateLimited("sign-up", 10, HOUR))
    .input(ZSignUp)
    .mutation(({ ctx, input }) =>
      signUp(ctx.db, ctx, input, { appUrl: ctx.appUrl, beforeSending: (email) => enforceRateLimit(ctx, SIGN_UP_PER_EMAIL, email) }),
    ),
  confirmSignUp: publicProcedure
    .use(rateLimited("confirm-sign-up", 20, HOUR))
    .input(ZConfirmSignUp)
    .mutation(({ ctx, input }) => confirmSignUp(ctx.db, ctx, input)),
  requestPasswordReset: publicProcedure
    .use(rateLimited("password-reset", 10, HOUR))
    .input(ZRequestPasswordReset)
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx, RESET_PER_EMAIL, input.email);
      await requestPasswordReset(ctx.db, ctx, input);
    }),
  resetPassword: publicProcedure
    .use(rateLimited("password-reset-complete", 20, HOUR))
    .input(ZResetPassword)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx, input)),
  changePassword: authedProcedure.input(ZChangePassword).mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx, CHANGE_PER_ACCOUNT, String(ctx.actor.id));
    await changePassword(ctx.db, ctx, input);
  }),
  /**
   * The hint under a password field, asked when the field loses focus: the policy's own verdict, in the
   * page's language. A mutation (POST) so that the password never lands in a URL or an access log. Signed
   * in, the account's name and email count; otherwise what the form has.
   */
  checkPassword: publicProcedure
    .use(rateLimited("password-check", 60, 10 * 60_000))
    .input(ZCheckPassword)
    .mutation(({ ctx, input }) => {
      const verdict = checkPassword(input.password, ctx.actor ?? { name: input.name, email: input.email });
      return { ok: verdict.ok, score: verdict.score, problems: verdict.problems.map((k) => translate(ctx.locale, k)) };
    }),
};
