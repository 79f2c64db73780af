import { revalidatePath } from "next/cache";

/**
 * Marks every cached help-center page stale after a change; each is rendered afresh on its next visit.
 * Outside a request (content sync from the command line, tests) there is no cache to revalidate.
 */
export function revalidateHelpCenter(): void {
  try {
    // Cached pages are keyed by their route file path, route group included.
    revalidatePath("/[locale]/(public)/help", "layout");
    revalidatePath("/[locale]/(public)/faq", "layout");
    revalidatePath("/sitemap.xml");
  } catch {
    // Not inside Next's request scope.
  }
}
