import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth/options";

type RouteCtx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: RouteCtx) {
  return NextAuth(req as never, { params: await ctx.params } as never, getAuthOptions());
}

export { handler as GET, handler as POST };
