import "server-only";
import type { RequestCtx } from "../context";
import { can, type Permission } from "../auth/permissions";
import { notFound } from "../errors";

/** Domain functions check again what the procedure checked: a caller without the permission sees nothing. */
export function assertCan(ctx: RequestCtx, permission: Permission): void {
  if (!can(ctx.actor, permission)) throw notFound();
}
