import "server-only";
import type { Role } from "../db/schema";
import { isProductionRun } from "../env";
import { defaultRequiredRoles } from "./policy";

/** The roles that must use a second factor until an admin decides (see policy.ts). */
export function twoFactorDefaults(): Role[] {
  return defaultRequiredRoles(isProductionRun());
}
