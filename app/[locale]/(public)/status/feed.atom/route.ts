import { isLocale } from "@/lib/i18n";
import { feedResponse } from "@/app/api/status/respond";

export const dynamic = "force-dynamic";

/** The same feed at /ru/status/feed.atom (and /en/…): the language comes from the address. */
export async function GET(req: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return feedResponse("atom", isLocale(locale) ? locale : "en", req);
}
