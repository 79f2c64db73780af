import "server-only";
import type { z } from "zod";
import type { DB } from "../db";
import { transact } from "../db/transact";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors";
import { msg } from "@/lib/i18n";
import { ZSetName } from "./schemas";

/** The signed-in person renames themselves (audited with the old and new name). */
export async function setOwnName(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSetName>): Promise<void> {
  const input = ZSetName.parse(raw);
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  await transact(db, async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "name"]).where("id", "=", actor.id).executeTakeFirstOrThrow();
    if (user.name === input.name) return;
    await trx.updateTable("users").set({ name: input.name, updated_at: ctx.now() }).where("id", "=", user.id).execute();
    await recordAudit(trx, ctx, {
      action: "user.name_changed",
      entityType: "user",
      entityId: user.id,
      before: { name: user.name },
      after: { name: input.name },
    });
  });
}
