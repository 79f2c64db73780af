import "server-only";
import { TRPCError } from "@trpc/server";
import { procedure, publicProcedure, rateLimited, router } from "../init";
import { getAuthSecret } from "../../env";
import { checkRateLimit } from "../../auth/rate-limit";
import { subscribe } from "../../subscriptions/subscribe";
import { confirmSubscription, removeSubscriber, unsubscribeByToken } from "../../subscriptions/manage-subscription";
import { findSubscribers } from "../../subscriptions/find-subscribers";
import { ZFindSubscribers, ZSubscribe, ZSubscriberId, ZToken } from "../../subscriptions/schemas";
import { linkKeyFrom } from "../../subscriptions/tokens";
import { approveWebhook, requestVerification } from "../../subscriptions/review-webhook";
import { configuredOutbound } from "../../subscriptions/jobs";
import { msg } from "@/lib/i18n";

const HOUR = 3600_000;

export const subscriptionsRouter = router({
  subscribe: publicProcedure
    .use(rateLimited("subscribe", 10, HOUR))
    .input(ZSubscribe)
    .mutation(({ ctx, input }) => {
      // Per address as well as per client: the form must not become a way to flood someone's inbox.
      if (input.kind === "email" && !checkRateLimit("subscribe-email", input.email, 3, HOUR)) {
        throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: msg("err.rateLimited") });
      }
      return subscribe(ctx.db, ctx, input, { appUrl: ctx.appUrl, linkKey: linkKeyFrom(getAuthSecret()) }, configuredOutbound().policy);
    }),
  confirm: publicProcedure
    .use(rateLimited("subscription-token", 60, HOUR))
    .input(ZToken)
    .mutation(({ ctx, input }) => confirmSubscription(ctx.db, ctx, input)),
  unsubscribe: publicProcedure
    .use(rateLimited("subscription-token", 60, HOUR))
    .input(ZToken)
    .mutation(({ ctx, input }) => unsubscribeByToken(ctx.db, ctx, input)),
  list: procedure("status.manage").input(ZFindSubscribers).query(({ ctx, input }) => findSubscribers(ctx.db, input)),
  remove: procedure("status.manage").input(ZSubscriberId).mutation(({ ctx, input }) => removeSubscriber(ctx.db, ctx, input)),
  approve: procedure("status.manage").input(ZSubscriberId).mutation(({ ctx, input }) => approveWebhook(ctx.db, ctx, input)),
  reverify: procedure("status.manage").input(ZSubscriberId).mutation(({ ctx, input }) => requestVerification(ctx.db, ctx, input)),
});
