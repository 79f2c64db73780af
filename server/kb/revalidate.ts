import "server-only";
import { revalidatePublic } from "../revalidation/revalidate-public";

/**
 * Marks every cached help-center page (help, FAQ, sitemap) stale after a change made in a request; each is
 * rendered afresh on its next visit. Outside the Next server (content sync from the command line, tests)
 * there is no cache to revalidate.
 */
export function revalidateHelpCenter(): void {
  revalidatePublic({ help: true });
}
