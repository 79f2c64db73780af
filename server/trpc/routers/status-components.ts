import "server-only";
import { procedure, router } from "../init";
import { ZComponentInput, ZGroupInput, ZReorder, ZSetComponentStatus, ZUpdateComponent, ZUpdateGroup } from "../../components/schemas";
import { createGroup, deleteGroup, reorderGroups, updateGroup } from "../../components/groups";
import { createComponent, deleteComponent, reorderComponents, setComponentStatus, updateComponent } from "../../components/components";
import { findComponentsForStaff } from "../../components/find-components";
import { revalidateStatusPage } from "../../status/revalidate";
import { z } from "zod";

const ZIdInput = z.object({ id: z.number().int().positive() });
const manage = procedure("status.manage");

/** Runs a mutation, then marks the public status page stale. */
export async function andRevalidate<T>(p: Promise<T>): Promise<T> {
  const out = await p;
  revalidateStatusPage();
  return out;
}

export const statusComponentsRouter = router({
  list: procedure("incident.manage").query(({ ctx }) => findComponentsForStaff(ctx.db, ctx)),
  createGroup: manage.input(ZGroupInput).mutation(({ ctx, input }) => andRevalidate(createGroup(ctx.db, ctx, input))),
  updateGroup: manage.input(ZUpdateGroup).mutation(({ ctx, input }) => andRevalidate(updateGroup(ctx.db, ctx, input))),
  deleteGroup: manage.input(ZIdInput).mutation(({ ctx, input }) => andRevalidate(deleteGroup(ctx.db, ctx, input.id))),
  reorderGroups: manage.input(ZReorder).mutation(({ ctx, input }) => andRevalidate(reorderGroups(ctx.db, ctx, input))),
  create: manage.input(ZComponentInput).mutation(({ ctx, input }) => andRevalidate(createComponent(ctx.db, ctx, input))),
  update: manage.input(ZUpdateComponent).mutation(({ ctx, input }) => andRevalidate(updateComponent(ctx.db, ctx, input))),
  delete: manage.input(ZIdInput).mutation(({ ctx, input }) => andRevalidate(deleteComponent(ctx.db, ctx, input.id))),
  reorder: manage.input(ZReorder).mutation(({ ctx, input }) => andRevalidate(reorderComponents(ctx.db, ctx, input))),
  setStatus: manage.input(ZSetComponentStatus).mutation(({ ctx, input }) => andRevalidate(setComponentStatus(ctx.db, ctx, input))),
});
