// Whether the status renders of one change share one read of the components' histories, and which change the
// last read belongs to (server/status/shared-histories.ts). Plain JavaScript on a process-wide key, so that
// server.mjs can drive it in the render process (lib/page-cache-renderer.mjs), where no watch runs: each
// render request names the change it renders after, and a new one forgets the copy read before.

const KEY = Symbol.for("mayak.statusHistories");

/**
 * The process's state, shared by every bundle that includes the module reading it.
 * @returns {{ generation: number, entry: unknown, enabled: boolean }}
 */
export function statusHistoriesState() {
  return (globalThis[KEY] ??= { generation: 0, entry: null, enabled: false });
}

/** Turns sharing on for this process: only where every change is heard and calls forgetStatusHistories. */
export function shareStatusHistories() {
  statusHistoriesState().enabled = true;
}

/** Something on the status page changed: no render from now on may use a copy read before. */
export function forgetStatusHistories() {
  const s = statusHistoriesState();
  s.generation++;
  s.entry = null;
}
