import "server-only";
import type { DB } from "../db";

/**
 * The state of the staff's synonyms as every instance sees it: the rows of kb_synonyms themselves (a few dozen
 * short rows), so any save, removal or reset anywhere changes it, with no counter to keep in step.
 */
export async function readSynonymState(db: DB): Promise<string> {
  const rows = await db.selectFrom("kb_synonyms").select(["id", "shipped_key", "enabled", "terms", "updated_at"]).orderBy("id").execute();
  return JSON.stringify(rows.map((r) => [r.id, r.shipped_key, r.enabled, r.terms, String(r.updated_at)]));
}

/** How often an instance looks at the synonyms: a change made on another instance is searched with within this. */
export const SYNONYM_POLL_MS = 1000;

/**
 * Keeps one engine's synonyms in step with the database: `sync` reads the state and, when it differs from the
 * last one applied (or nothing was applied yet), applies the groups. The state is read before the groups, so a
 * change made in between is seen by the next sync; a failed apply is retried by the next sync.
 */
export function createSynonymSync(read: () => Promise<string>, apply: () => Promise<void>): () => Promise<boolean> {
  let applied: string | null = null;
  return async function sync(): Promise<boolean> {
    const state = await read();
    if (state === applied) return false;
    await apply();
    applied = state;
    return true;
  };
}

/** Runs `sync` every SYNONYM_POLL_MS until stopped; the timer does not keep the process alive. */
export function startSynonymWatch(sync: () => Promise<boolean>, onError: (err: unknown) => void): { stop(): void } {
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    sync()
      .then(
        () => {
          failing = false;
        },
        (err: unknown) => {
          if (!failing) onError(err);
          failing = true;
        },
      )
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(loop, SYNONYM_POLL_MS);
        timer.unref();
      });
  };
  timer = setTimeout(loop, SYNONYM_POLL_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
