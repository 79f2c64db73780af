import "server-only";
import { router } from "../init";

/** Procedures of merging tickets, follow-ups and satisfaction ratings. */
export const ticketLifeRouter = router({});
