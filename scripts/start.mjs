// `npm start`: builds the app on first run (or when the build is missing), then serves it on $PORT (3000)
// with server.mjs, in this process (Next's handler, plus the search endpoint answered outside Next's router).
import { existsSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
  console.log("[mayak] no production build yet: running `next build` once (about a minute)…");
  const built = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import("../server.mjs");
