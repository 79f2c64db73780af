import { revalidatePath } from "next/cache";

/**
 * Marks every cached help-center page stale after a change; each is rendered afresh on its next visit.
 * Outside a request (content sync from the command line, tests) there is no cache to revalidate.
 */
export function revalidateHelpCenter(): void {
  try {
    revalidatePath("/[locale]/help", "layout");
    revalidatePath("/[locale]/faq", "layout");
    revalidatePath("/sitemap.xml");
  } catch {
    // Not inside Next's request scope.
  }
}
