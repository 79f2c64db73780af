import "server-only";
import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { ticketsRouter } from "./routers/tickets";
import { inboxRouter } from "./routers/inbox";
import { workspaceRouter } from "./routers/workspace";
import { adminRouter } from "./routers/admin";
import { kbRouter } from "./routers/kb";
import { statusRouter } from "./routers/status";
import { monitorsRouter } from "./routers/monitors";
import { subscriptionsRouter } from "./routers/subscriptions";
import { systemRouter } from "./routers/system";
import { privacyRouter } from "./routers/privacy";
import { profileRouter } from "./routers/profile";
import { sessionsRouter } from "./routers/sessions";
import { twoFactorRouter } from "./routers/two-factor";
import { attachmentsRouter } from "./routers/attachments";
import { presenceRouter } from "./routers/presence";
import { macrosRouter } from "./routers/macros";
import { slaRouter } from "./routers/sla";
import { deskFlowRouter } from "./routers/desk-flow";
import { ticketLifeRouter } from "./routers/ticket-life";

export const appRouter = router({
  account: accountRouter,
  tickets: ticketsRouter,
  inbox: inboxRouter,
  workspace: workspaceRouter,
  admin: adminRouter,
  kb: kbRouter,
  status: statusRouter,
  monitors: monitorsRouter,
  subscriptions: subscriptionsRouter,
  system: systemRouter,
  privacy: privacyRouter,
  profile: profileRouter,
  sessions: sessionsRouter,
  twoFactor: twoFactorRouter,
  attachments: attachmentsRouter,
  presence: presenceRouter,
  macros: macrosRouter,
  sla: slaRouter,
  deskFlow: deskFlowRouter,
  ticketLife: ticketLifeRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
