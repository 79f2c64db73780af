import "server-only";
import { z } from "zod";
import { enrollingProcedure, publicProcedure, rateLimited, router } from "../init";
import { accountPasswordProcedures } from "./account-password";
import { acceptInvite } from "../../users/manage-staff";
import { setOwnLocale } from "../../users/find-users";
import { permissionsOf } from "../../auth/permissions";
import { ZAcceptInvite, ZLocale } from "../../users/schemas";

export const accountRouter = router({
  // With what the actor may do, so the browser shows the right navigation without the catalog.
  me: publicProcedure.query(({ ctx }) => ctx.actor && { ...ctx.actor, permissions: permissionsOf(ctx.actor) }),
  ...accountPasswordProcedures,
  acceptInvite: publicProcedure
    .use(rateLimited("accept-invite", 20, 3_600_000))
    .input(ZAcceptInvite)
    .mutation(({ ctx, input }) => acceptInvite(ctx.db, ctx, input)),
  // Allowed before a required second factor is set up: the language switch works on the enrolment page too.
  setLocale: enrollingProcedure.input(z.object({ locale: ZLocale })).mutation(({ ctx, input }) => setOwnLocale(ctx.db, ctx, input.locale)),
});
