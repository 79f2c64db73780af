// `npm start`: builds the app on first run (or when the build is missing), then serves it on $PORT (3000).
import { existsSync } from "node:fs";
import { spawnSync, spawn } from "node:child_process";

const next = "node_modules/next/dist/bin/next";
if (!existsSync(".next/BUILD_ID")) {
  console.log("[mayak] no production build yet: running `next build` once (about a minute)…");
  const built = spawnSync(process.execPath, [next, "build"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const port = process.env.PORT ?? "3000";
const server = spawn(process.execPath, [next, "start", "-p", port], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
