import "server-only";
import { router } from "../init";

/** Procedures of teams' routing, availability, and the notification centre. */
export const deskFlowRouter = router({});
