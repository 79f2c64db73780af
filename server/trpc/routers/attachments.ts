import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import { discardAttachment } from "../../attachments/attachments";
import { getStorage } from "../../attachments/storage";

/** Uploads and downloads go through /api/attachments (bodies are files, not JSON); this takes a pending file back. */
export const attachmentsRouter = router({
  discard: procedure("ticket.reply.own")
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => discardAttachment(ctx.db, ctx, getStorage(), input.id)),
});
