import type { MetadataRoute } from "next";
import { appUrl } from "@/server/env";
import { CATEGORIES } from "@/lib/kb/categories";
import { publicApi } from "@/server/trpc/public-caller";
import { localePath } from "@/lib/i18n/paths";

export const dynamic = "force-dynamic";

/** Every public page in both languages, with its translation as an alternate. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = appUrl();
  const both = (path: string) => ({ en: base + path, ru: base + localePath("ru", path) });
  const out: MetadataRoute.Sitemap = [];
  for (const path of ["/help", "/faq", "/status", "/contact", ...CATEGORIES.map((c) => `/help/${c.slug}`)]) {
    out.push({ url: base + path, alternates: { languages: both(path) } });
    out.push({ url: base + localePath("ru", path), alternates: { languages: both(path) } });
  }
  const entries = await publicApi().kb.sitemap();
  const byKey = new Map<string, typeof entries>();
  for (const e of entries.filter((x) => x.kind === "article")) byKey.set(e.translation_key, [...(byKey.get(e.translation_key) ?? []), e]);
  for (const group of byKey.values()) {
    const languages = Object.fromEntries(group.map((e) => [e.locale, base + localePath(e.locale, `/help/articles/${e.slug}`)]));
    for (const e of group) {
      out.push({
        url: base + localePath(e.locale, `/help/articles/${e.slug}`),
        lastModified: new Date(e.updated_at),
        alternates: { languages },
      });
    }
  }
  return out;
}
