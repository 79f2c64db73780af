import "server-only";

/** How long a session lives: `idleMs` after its last request, `maxAgeMs` after sign-in at most. */
export interface SessionPolicy {
  idleMs: number;
  maxAgeMs: number;
}

/** `last_seen_at` is written at most this often, so a busy session costs one write a minute, not one per request. */
export const TOUCH_EVERY_MS = 60_000;

/** Ended sessions stay listed in the database this long (the owner's sign-in is pruned of older ones). */
export const KEEP_ENDED_MS = 30 * 86_400_000;
