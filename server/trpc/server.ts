import "server-only";
import { cache } from "react";
import { createCaller } from "./root";
import { createTRPCContext } from "./context";

/** A server-side caller for server components: same procedures, same checks, no HTTP. */
export const serverApi = cache(async () => createCaller(await createTRPCContext()));
