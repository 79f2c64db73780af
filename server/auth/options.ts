import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db";
import { getAuthSecret } from "../env";
import { AppError } from "../errors";
import { authenticate } from "../users/authenticate";
import { clientIp } from "./request-info";
import { checkRateLimit } from "./rate-limit";
import { safeCallbackPath } from "@/lib/safe-callback-path";

/** next-auth options, built on first use so that `next build` never reads the secret or opens the database. */
export function getAuthOptions(): AuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: 14 * 24 * 3600 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const headers = new Headers(req.headers as Record<string, string>);
          const ip = clientIp(headers);
          if (!checkRateLimit("sign-in", ip, 10, 60_000)) throw new Error("RATE_LIMITED");
          try {
            const actor = await authenticate(
              getDb(),
              { actor: null, ip, userAgent: headers.get("user-agent") ?? "", now: Date.now },
              { email: String(credentials?.email ?? ""), password: String(credentials?.password ?? "") },
            );
            return { id: String(actor.id), email: actor.email, name: actor.name, role: actor.role };
          } catch (err) {
            if (err instanceof AppError) return null;
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      // Every redirect next-auth makes (callbackUrl of sign-in and sign-out, its cookie) stays on this site.
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
      // The token carries the user id and the role at sign-in; every request still re-reads the account,
      // so a role change or a disabled account takes effect at once.
      jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.role = (user as { role?: string }).role;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid as number | undefined, role: token.role as string | undefined };
      },
    },
  };
}
