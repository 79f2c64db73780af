import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import { ZEditMaintenance, ZScheduleMaintenance } from "../../incidents/schemas";
import { cancelMaintenance, editMaintenance, findMaintenances, scheduleMaintenance } from "../../incidents/maintenance";
import { andRevalidate } from "./status-components";

const manage = procedure("status.manage");

export const statusMaintenanceRouter = router({
  list: manage.query(({ ctx }) => findMaintenances(ctx.db, ctx)),
  schedule: manage.input(ZScheduleMaintenance).mutation(({ ctx, input }) => andRevalidate(scheduleMaintenance(ctx.db, ctx, input))),
  edit: manage.input(ZEditMaintenance).mutation(({ ctx, input }) => andRevalidate(editMaintenance(ctx.db, ctx, input))),
  cancel: manage
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => andRevalidate(cancelMaintenance(ctx.db, ctx, input.id))),
});
