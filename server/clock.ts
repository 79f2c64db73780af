import "server-only";

/** A clock that tests can move by hand. */
export interface ManualClock {
  now: () => number;
  set: (ms: number) => void;
  advance: (ms: number) => void;
}

export function manualClock(start = Date.UTC(2026, 10, 27, 9, 0, 0)): ManualClock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
}
