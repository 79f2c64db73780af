export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./server/boot");
    try {
      await boot();
    } catch (err) {
      console.error(`[mayak] cannot start: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
  }
}
