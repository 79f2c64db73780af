import "server-only";
import type { JobHandler } from "./worker";

/** What an area of the product gives the worker: its job handlers and its recurring schedules. */
export interface JobSet {
  handlers: Record<string, JobHandler>;
  schedules: { name: string; type: string; payload: unknown; intervalMs: number }[];
}

export function mergeJobSets(sets: JobSet[]): JobSet {
  return {
    handlers: Object.assign({}, ...sets.map((s) => s.handlers)),
    schedules: sets.flatMap((s) => s.schedules),
  };
}
