import "server-only";
import { z } from "zod";
import type { Role } from "../db/schema";
import { STAFF_ROLES } from "./permissions";

/**
 * Single sign-on for staff through an OpenID Provider: the environment variables and their rules. env.ts
 * spreads `oidcEnvShape` into the app's configuration and checks `checkOidcEnv` on the whole of it, so a bad
 * value stops the app at start with the variable's name.
 */

/** Single sign-on is for staff: a claim maps to one of the catalog's staff roles, never to customer. */
export type SsoRole = Exclude<Role, "customer">;
const SSO_ROLES = STAFF_ROLES as readonly SsoRole[];

export interface RoleMapping {
  /** A value of the role claim (a group name, a role name), compared exactly. */
  value: string;
  role: SsoRole;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The URL, or null (z.url reports the error; the refinements after it run anyway). */
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** `mayak-admins=admin, mayak-leads=lead, support=agent`: each claim value to one staff role, never customer. */
export function parseRoleMap(text: string): RoleMapping[] {
  const out: RoleMapping[] = [];
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.lastIndexOf("=");
    const value = eq > 0 ? part.slice(0, eq).trim() : "";
    const role = eq > 0 ? part.slice(eq + 1).trim() : "";
    if (!value) throw new Error(`"${part}" is not claim-value=role`);
    if (!SSO_ROLES.includes(role as SsoRole)) {
      throw new Error(`"${part}": the role must be agent, lead or admin (customers never sign in through single sign-on)`);
    }
    if (out.some((m) => m.value === value)) throw new Error(`"${value}" is mapped twice`);
    out.push({ value, role: role as SsoRole });
  }
  return out;
}

/** `example.com, @corp.example.org`: the email domains allowed to sign in, lower case. */
export function parseDomains(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
    const domain = raw.replace(/^@/, "").toLowerCase();
    if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(domain)) {
      throw new Error(`"${raw}" is not a domain name`);
    }
    out.push(domain);
  }
  return out;
}

/** Runs a parser inside a zod transform, turning its error into an issue on the variable. */
function parsed<T>(parse: (text: string) => T) {
  return (text: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(text);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  };
}

export const oidcEnvShape = {
  OIDC_ISSUER: z
    .url("must be the provider's issuer URL, e.g. https://login.example.com/realms/staff")
    .refine((text) => {
      const url = parseUrl(text);
      return !url || url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
    }, "must be https:// (plain http only on this machine: localhost, 127.0.0.1, [::1])")
    .refine((text) => !parseUrl(text)?.search && !parseUrl(text)?.hash, "must have no query or fragment")
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  OIDC_NAME: z.string().trim().min(1).max(60, "at most 60 characters").default("Single sign-on"),
  OIDC_JIT: z.enum(["true", "false"]).default("false"),
  OIDC_ROLE_CLAIM: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\s]+$/, "must be a claim name without spaces, e.g. groups or mayak_role")
    .optional(),
  OIDC_ROLE_MAP: z.string().default("").transform(parsed(parseRoleMap)),
  OIDC_ALLOWED_DOMAINS: z.string().default("").transform(parsed(parseDomains)),
  OIDC_SCOPES: z
    .string()
    .default("openid email profile")
    .refine(
      (text) => /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/.test(text.trim()),
      "must be scope names separated by spaces",
    )
    .refine((text) => text.split(/\s+/).includes("openid"), 'must include "openid"'),
};

type OidcEnv = z.output<ReturnType<typeof z.object<typeof oidcEnvShape>>>;

/** Rules between the variables: the three connection settings come together, JIT needs a role mapping. */
export function checkOidcEnv(env: OidcEnv, ctx: z.RefinementCtx): void {
  const connection = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
  const set = connection.filter((k) => env[k] !== undefined);
  if (set.length > 0 && set.length < connection.length) {
    for (const k of connection.filter((k) => env[k] === undefined)) {
      ctx.addIssue({ code: "custom", path: [k], message: `is needed with ${set.join(" and ")} (single sign-on)` });
    }
  }
  if (env.OIDC_JIT === "true") {
    if (!env.OIDC_ROLE_CLAIM)
      ctx.addIssue({ code: "custom", path: ["OIDC_ROLE_CLAIM"], message: "is needed with OIDC_JIT=true: which claim says the role" });
    if (env.OIDC_ROLE_MAP.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ROLE_MAP"],
        message: "is needed with OIDC_JIT=true, e.g. mayak-admins=admin,support=agent",
      });
    }
  }
}
