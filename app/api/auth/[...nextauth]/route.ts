import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth/options";
import { withSignInReport } from "@/server/auth/sign-in-response";
import { appUrl, getEnv } from "@/server/env";
import { guardAuthRequest } from "@/server/auth/auth-request";

type RouteCtx = { params: Promise<{ nextauth: string[] }> };

async function nextAuth(req: Request, ctx: RouteCtx) {
  // Malformed requests that next-auth would answer with a 500 get a 4xx here; callbackUrl stays on the site.
  const guarded = await guardAuthRequest(req, appUrl());
  if (guarded instanceof Response) return guarded;
  return NextAuth(guarded as never, { params: await ctx.params } as never, getAuthOptions());
}

// A throttled sign-in answers 429 with Retry-After; a successful one also sets the known-device cookie
// (Secure when the site is served over https, as next-auth decides for its own cookies).
const handler = withSignInReport(nextAuth, () => (getEnv().NEXTAUTH_URL ?? "").startsWith("https://"));

export { handler as GET, handler as POST };
