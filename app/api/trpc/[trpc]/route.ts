import { handleTrpcRequest } from "@/server/trpc/http";
import { createTRPCContext } from "@/server/trpc/context";
import { limitTrpcRequest } from "@/server/trpc/request-limits";

async function handler(req: Request) {
  // Batches over 20 calls (400) and bodies over 1 MB (413) are refused before tRPC reads anything.
  const limited = await limitTrpcRequest(req);
  if (limited instanceof Response) return limited;
  return handleTrpcRequest(limited, () => createTRPCContext());
}

export { handler as GET, handler as POST };
