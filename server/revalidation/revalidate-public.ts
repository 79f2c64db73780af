import "server-only";
import { revalidatePath } from "next/cache";
import { appUrl, getAuthSecret } from "../env";
import { getDb } from "../db";
import { bumpPageVersions, type PageArea } from "../page-cache/versions";
import { pathsFor, type RevalidationAreas } from "./areas";
import { createRevalidationClient, type RevalidationClient } from "./client";
import { revalidationToken } from "./token";

export type { RevalidationAreas } from "./areas";

/** Marks the areas' cache entries stale, here and now. Only inside a request: Next throws anywhere else. */
export function revalidateAreasInRequest(areas: RevalidationAreas): void {
  for (const [path, type] of pathsFor(areas)) {
    if (type) revalidatePath(path, type);
    else revalidatePath(path);
  }
}

/**
 * Where this instance's own server answers: the address `next start` records once it listens, else the
 * PORT it was given, else the app's URL (NEXTAUTH_URL/APP_URL, http://localhost:3000 by default). The
 * local address comes first: behind a load balancer the public URL may reach another instance, whose
 * cache is not the one to refresh.
 */
export function ownBaseUrl(): string {
  const origin = process.env.__NEXT_PRIVATE_ORIGIN;
  if (origin) return origin.replace(/\/$/, "");
  if (process.env.PORT) return `http://localhost:${process.env.PORT}`;
  return appUrl();
}

/** Only the Next server has a page cache; tests and command-line scripts have nothing to revalidate. */
function insideNextServer(): boolean {
  return process.env.NEXT_RUNTIME === "nodejs";
}

// One client per process, shared by every bundle that includes this module (jobs and route handlers).
const state = globalThis as unknown as { __mayakRevalidation?: RevalidationClient };
function client(): RevalidationClient {
  state.__mayakRevalidation ??= createRevalidationClient({ baseUrl: ownBaseUrl, token: () => revalidationToken(getAuthSecret()) });
  return state.__mayakRevalidation;
}

/** The page-cache areas the revalidation areas fall in. */
export function pageAreasOf(areas: RevalidationAreas): PageArea[] {
  const out: PageArea[] = [];
  if (areas.status || (areas.incidents?.length ?? 0) > 0) out.push("status");
  if (areas.help) out.push("help");
  return out;
}

/**
 * Counts the change in the database, where every instance's page cache looks for changes (server/page-cache):
 * the pages are rendered again within a second on each of them. Never throws; failures are logged (the pages
 * then catch up at their next refresh).
 */
function announceChange(areas: RevalidationAreas): void {
  bumpPageVersions(getDb(), pageAreasOf(areas), Date.now()).catch((err: unknown) =>
    console.error("[mayak] page cache: cannot record a change of public pages", err),
  );
}

/**
 * After a change made outside any request (a job: monitors, automatic incidents, the maintenance clock):
 * revalidates the areas through this server's internal endpoint, at once and again with the follow-ups
 * (DEFAULT_FOLLOW_UPS_MS: a regeneration that read the data before the change may otherwise put the old
 * page back).
 * Never throws; failures are logged.
 */
export function requestRevalidation(areas: RevalidationAreas): void {
  if (!insideNextServer()) return;
  announceChange(areas);
  client().request(areas);
}

/**
 * After a change made in a request (staff through tRPC), once its transaction has committed: revalidates
 * the areas at once, in the request, and again with the follow-ups through the internal endpoint (a
 * regeneration that started before the commit may otherwise put the old page back). Never throws; failures
 * are logged.
 */
export function revalidatePublic(areas: RevalidationAreas): void {
  if (!insideNextServer()) return;
  announceChange(areas);
  try {
    revalidateAreasInRequest(areas);
  } catch (err) {
    console.error("[mayak] revalidating public pages in the request failed; asking the internal endpoint instead", err);
    client().request(areas);
    return;
  }
  client().followUp(areas);
}
