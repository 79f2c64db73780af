import "server-only";
import { enforceRateLimit, procedure, publicProcedure, rateLimited, router } from "../init";
import { getAuthSecret } from "../../env";
import { subscribe } from "../../subscriptions/subscribe";
import { confirmSubscription, removeSubscriber, unsubscribeByToken } from "../../subscriptions/manage-subscription";
import { findSubscribers } from "../../subscriptions/find-subscribers";
import { ZFindSubscribers, ZSubscribe, ZSubscriberId, ZToken } from "../../subscriptions/schemas";
import { linkKeyFrom } from "../../subscriptions/tokens";
import { approveWebhook, requestVerification } from "../../subscriptions/review-webhook";
import { configuredOutbound } from "../../subscriptions/jobs";

const HOUR = 3600_000;
const PER_EMAIL = { name: "subscribe-email", points: 3, durationSec: 3600 };

export const subscriptionsRouter = router({
  subscribe: publicProcedure
    .use(rateLimited("subscribe", 10, HOUR))
    .input(ZSubscribe)
    .mutation(async ({ ctx, input }) => {
      // Per address as well as per client: the form must not become a way to flood someone's inbox.
      if (input.kind === "email") await enforceRateLimit(ctx, PER_EMAIL, input.email);
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
  list: procedure("status.manage")
    .input(ZFindSubscribers)
    .query(({ ctx, input }) => findSubscribers(ctx.db, input)),
  remove: procedure("status.manage")
    .input(ZSubscriberId)
    .mutation(({ ctx, input }) => removeSubscriber(ctx.db, ctx, input)),
  approve: procedure("status.manage")
    .input(ZSubscriberId)
    .mutation(({ ctx, input }) => approveWebhook(ctx.db, ctx, input)),
  reverify: procedure("status.manage")
    .input(ZSubscriberId)
    .mutation(({ ctx, input }) => requestVerification(ctx.db, ctx, input)),
});
