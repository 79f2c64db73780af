import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname);

/** Tests and their helpers, and the migrations (frozen in time, reached only through db/migrate.ts). */
const exempt = (rel: string) =>
  /\.test\.ts$|\.test-util\.ts$|(^|\/)test-helpers\.ts$|(^|\/)testing\.ts$|(^|\/)test-fixtures\/|^db\/migrations\//.test(rel);

function modules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return modules(full);
    return e.name.endsWith(".ts") ? [path.relative(root, full)] : [];
  });
}

describe("server modules never reach a browser", () => {
  it('every module under server/ imports "server-only", so a client component that imports one fails the build', () => {
    const missing = modules(root).filter(
      (rel) => !exempt(rel) && !/^import "server-only";$/m.test(fs.readFileSync(path.join(root, rel), "utf8")),
    );
    expect(missing).toEqual([]);
  });
});
