import "server-only";
import { enrollingProcedure, router } from "../init";
import { sessionSettings } from "../../env";
import { findOwnSessions } from "../../sessions/find-sessions";
import { revokeOwnSession, signOutEverywhere } from "../../sessions/revoke-sessions";
import { ZRevokeSession } from "../../account/schemas";

/**
 * The signed-in person's sessions: list them (this browser marked), end one, or end them all. Open to someone
 * whose role still has to set up a second factor: ending sessions only takes access away.
 */
export const sessionsRouter = router({
  list: enrollingProcedure.query(({ ctx }) => findOwnSessions(ctx.db, ctx, sessionSettings())),
  revoke: enrollingProcedure.input(ZRevokeSession).mutation(({ ctx, input }) => revokeOwnSession(ctx.db, ctx, input)),
  revokeAll: enrollingProcedure.mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx)),
});
