import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth/options";
import { appUrl } from "@/server/env";
import { guardAuthRequest } from "@/server/auth/auth-request";

type RouteCtx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: RouteCtx) {
  // Malformed requests that next-auth would answer with a 500 get a 4xx here; callbackUrl stays on the site.
  const guarded = await guardAuthRequest(req, appUrl());
  if (guarded instanceof Response) return guarded;
  return NextAuth(guarded as never, { params: await ctx.params } as never, getAuthOptions());
}

export { handler as GET, handler as POST };
