import type { MetadataRoute } from "next";
import { appUrl } from "@/server/env";

export const dynamic = "force-dynamic";

/** The help center is for everyone; tickets, the inbox and the admin pages are not for crawlers. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [
      {
        userAgent: "*",
        allow: ["/help", "/ru/help", "/faq", "/ru/faq"],
        disallow: ["/api/", "/tickets", "/inbox", "/admin", "/kb", "/help/search", "/ru/help/search"],
      },
    ],
    sitemap: `${appUrl()}/sitemap.xml`,
  };
}
