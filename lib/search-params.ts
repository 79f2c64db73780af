import { z } from "zod";

/** A positive id or key-pagination cursor from the URL; anything malformed reads as absent. */
export const ZIdParam = z.coerce.number().int().positive().optional().catch(undefined);
