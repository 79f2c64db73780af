import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import { findUsers } from "../../users/find-users";
import { inviteStaff, setUserDisabled, setUserRole } from "../../users/manage-staff";
import { ZFindUsers, ZInvite, ZSetDisabled, ZSetRole } from "../../users/schemas";
import { findAuditEvents, ZFindAudit } from "../../audit/find-audit-events";
import { describeAuditEvents } from "../../audit/describe-change";
import { findOutboxEmails } from "../../email/find-emails";

export const adminRouter = router({
  users: procedure("user.manage")
    .input(ZFindUsers)
    .query(({ ctx, input }) => findUsers(ctx.db, input)),
  invite: procedure("user.manage")
    .input(ZInvite)
    .mutation(({ ctx, input }) => inviteStaff(ctx.db, ctx, input, ctx.appUrl)),
  setRole: procedure("user.manage")
    .input(ZSetRole)
    .mutation(({ ctx, input }) => setUserRole(ctx.db, ctx, input)),
  setDisabled: procedure("user.manage")
    .input(ZSetDisabled)
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx, input)),
  // Each event with its readable lines ("Assignee: Anna → Boris") beside the raw before and after.
  audit: procedure("audit.read")
    .input(ZFindAudit)
    .query(async ({ ctx, input }) => {
      const page = await findAuditEvents(ctx.db, input);
      const described = await describeAuditEvents(ctx.db, ctx.locale, page.items);
      return { ...page, items: page.items.map((e, i) => ({ ...e, ...described[i] })) };
    }),
  outbox: procedure("outbox.read")
    .input(z.object({ cursor: z.number().int().positive().optional(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => findOutboxEmails(ctx.db, input)),
});
