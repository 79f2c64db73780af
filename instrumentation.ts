export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // The production server (server.mjs) answers GET /api/search with this function, outside Next's router.
    // It waits for boot itself, so it is handed over before boot starts.
    const { searchHttp, SEARCH_HTTP_KEY } = await import("./server/kb/search-http");
    (globalThis as Record<symbol, unknown>)[SEARCH_HTTP_KEY] = searchHttp;
    const { boot } = await import("./server/boot");
    try {
      await boot();
    } catch (err) {
      console.error(`[mayak] cannot start: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
    // Under server.mjs, public pages are served from its memory: it must hear of every change, made on this
    // instance or another one (server/page-cache/watch.ts).
    const { pageCacheOfServer, startPageCacheWatch } = await import("./server/page-cache/watch");
    const cache = pageCacheOfServer();
    if (cache) {
      const { getDb } = await import("./server/db");
      startPageCacheWatch(getDb(), cache);
    }
  }
}
