import { revalidatePath } from "next/cache";

/**
 * Marks the cached status pages (both languages, every incident page) stale after a change to
 * components, incidents, maintenance or monitors; each is rendered afresh on its next visit.
 * Outside a request (jobs started outside Next, the command line, tests) there is no cache to touch:
 * the pages then catch up within their 10-second revalidation time (automatic incidents, maintenance
 * starting and ending: the monitors and the maintenance clock run as jobs).
 */
export function revalidateStatusPage(): void {
  try {
    // Cached pages are keyed by their route file path, route group included.
    revalidatePath("/[locale]/(public)/status", "layout");
  } catch {
    // Not inside Next's request scope.
  }
}
