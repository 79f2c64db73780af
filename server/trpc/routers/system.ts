import "server-only";
import { publicProcedure, router } from "../init";
import { pingDatabase } from "../../db";
import { getSearchEngine } from "../../search";

/** The app itself: whether it can answer (GET /api/health). */
export const systemRouter = router({
  /** The database answers; `search` says whether the search index is built or still being built in the background. */
  health: publicProcedure.query(async ({ ctx }) => {
    await pingDatabase(ctx.db);
    return { status: "ok" as const, search: getSearchEngine().isReady?.() === false ? ("building" as const) : ("ready" as const) };
  }),
});
