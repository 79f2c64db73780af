import "server-only";
import { requestRevalidation, revalidatePublic } from "../revalidation/revalidate-public";

/**
 * Marks the cached status pages (both languages, every incident page) stale after a staff change to
 * components, incidents, maintenance or monitors, made in a request and committed; each is rendered afresh
 * on its next visit.
 */
export function revalidateStatusPage(): void {
  revalidatePublic({ status: true });
}

/**
 * The same after a change made by a job (automatic incidents, monitor state, the maintenance clock), which
 * runs outside any request: through this server's internal endpoint, debounced.
 */
export function requestStatusRevalidation(): void {
  requestRevalidation({ status: true });
}
