import "server-only";
import { z } from "zod";

/**
 * The public, cached areas a change can touch. `status` is the whole status tree (the page, every incident
 * page, both languages); `incidents` narrows it to the status page and those incidents' pages; `help` is
 * the help center, the FAQ and the sitemap.
 */
export const ZRevalidationAreas = z
  .strictObject({
    status: z.boolean().optional(),
    incidents: z.array(z.number().int().positive()).max(100).optional(),
    help: z.boolean().optional(),
  })
  .refine((a) => a.status || a.help || (a.incidents?.length ?? 0) > 0, { message: "name at least one area" });

export type RevalidationAreas = z.infer<typeof ZRevalidationAreas>;

/** One call of revalidatePath: the path, and for route-file paths whether the page or the layout below it. */
export type PathTarget = readonly [path: string, type?: "page" | "layout"];

const STATUS = "/[locale]/(public)/status";

/** The cache entries behind the areas. Cached pages are keyed by their route file path, route group included. */
export function pathsFor(areas: RevalidationAreas): PathTarget[] {
  const out: PathTarget[] = [];
  if (areas.status) out.push([STATUS, "layout"]);
  else if (areas.incidents?.length) {
    out.push([STATUS, "page"]);
    // A concrete page is also tagged with its own (rewritten) pathname.
    for (const id of new Set(areas.incidents)) out.push([`/en/status/incidents/${id}`], [`/ru/status/incidents/${id}`]);
  }
  if (areas.help) out.push(["/[locale]/(public)/help", "layout"], ["/[locale]/(public)/faq", "layout"], ["/sitemap.xml"]);
  return out;
}

/** Both sets of areas in one. */
export function mergeAreas(a: RevalidationAreas | null, b: RevalidationAreas): RevalidationAreas {
  if (!a) return normalise(b);
  const status = !!(a.status || b.status);
  const help = !!(a.help || b.help);
  const incidents = status ? [] : [...new Set([...(a.incidents ?? []), ...(b.incidents ?? [])])];
  return normalise({ status, help, incidents });
}

function normalise(a: RevalidationAreas): RevalidationAreas {
  const out: RevalidationAreas = {};
  const incidents = [...new Set(a.incidents ?? [])];
  // Past the body's limit the whole status tree is cheaper to name than the incidents one by one.
  if (a.status || incidents.length > 100) out.status = true;
  else if (incidents.length) out.incidents = incidents;
  if (a.help) out.help = true;
  return out;
}
