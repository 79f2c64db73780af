import "server-only";
import { router } from "../init";

/** Procedures of SLA policies and business-hours calendars (sla.manage), and the clocks agents read. */
export const slaRouter = router({});
