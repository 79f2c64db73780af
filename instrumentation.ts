export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // The production server (server.mjs) answers GET /api/search and the inbox's list and counts with these
    // functions, outside Next's router. They wait for boot themselves, so they are handed over before it starts.
    const { searchHttp, SEARCH_HTTP_KEY } = await import("./server/kb/search-http");
    (globalThis as Record<symbol, unknown>)[SEARCH_HTTP_KEY] = searchHttp;
    const { trpcFastHttp, TRPC_FAST_KEY } = await import("./server/trpc/fast-http");
    (globalThis as Record<symbol, unknown>)[TRPC_FAST_KEY] = trpcFastHttp;
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
