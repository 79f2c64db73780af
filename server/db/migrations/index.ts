import type { Migration } from "kysely";
import * as m0001 from "./2026_11_27_0001_foundation";

/** Every migration, by name. Names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  "2026_11_27_0001_foundation": m0001,
};
