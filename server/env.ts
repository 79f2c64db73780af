import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { parseCidr } from "./net/address-policy";
import { checkOidcEnv, oidcEnvShape } from "./auth/oidc-config";
import { parseTrustedProxies } from "@/lib/client-ip.mjs";

/** Configuration, validated once. A bad value stops the app with a message naming the variable. */
const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(mysql:\/\/.+|file:.+)$/, "must be mysql://user:pass@host:port/db or file:path/to.sqlite")
    .optional(),
  DATA_DIR: z.string().min(1).default("data"),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.url("must be an absolute URL such as https://support.example.com").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "must be smtp://user:pass@host:port or smtps://…")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Mayak Support <support@mayak.local>"),
  APP_URL: z.url("must be an absolute URL").optional(),
  JOBS_ENABLED: z.enum(["true", "false"]).default("true"),
  // Set by server.mjs for its status-page render process (lib/page-cache-renderer.mjs): no content sync, no search index.
  MAYAK_PROCESS: z.enum(["serve", "render"]).default("serve"),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  MEILI_HOST: z.url("must be the Meilisearch URL, e.g. http://127.0.0.1:7700").optional(),
  MEILI_API_KEY: z.string().min(1).optional(),
  CONTENT_DIR: z.string().min(1).default("content"),
  CHECK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  // Solved tickets close after this many days (server/ticket-life/jobs.ts).
  TICKET_AUTO_CLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(4),
  // Webhooks (destinations chosen by anyone): https only and public addresses only, unless the admin says otherwise.
  WEBHOOK_ALLOW_HTTP: z.enum(["true", "false"]).default("false"),
  WEBHOOK_ALLOW_PRIVATE: z
    .string()
    .default("false")
    .transform((text, ctx): boolean | string[] => {
      if (text === "true" || text === "false") return text === "true";
      const ranges = text.split(/[\s,]+/).filter(Boolean);
      for (const r of ranges) {
        try {
          parseCidr(r);
        } catch (err) {
          ctx.addIssue({ code: "custom", message: `${(err as Error).message}; use true, false or a list of CIDR ranges` });
          return z.NEVER;
        }
      }
      return ranges;
    }),
  // Rate limits shared between instances in Redis (otherwise in the MySQL/MariaDB database, or in memory on SQLite).
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, "must be redis://[:password@]host:6379[/db] or rediss://…")
    .optional(),
  // Reverse proxies whose X-Forwarded-For is believed (server.mjs decides the client's address with it).
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((text, ctx) => {
      try {
        return parseTrustedProxies(text).entries;
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
        return z.NEVER;
      }
    }),
  // Sessions (server/sessions): one ends after this long without a request, and in any case this long after sign-in.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(525_600).default(10_080),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // Single sign-on for staff through an OpenID Provider (server/auth/oidc-config.ts).
  ...oidcEnvShape,
  // Attachments (server/attachments): limits, and where the files are kept (the data folder, or an S3 bucket).
  ATTACHMENT_MAX_FILE_MB: z.coerce.number().positive().max(1024).default(10),
  ATTACHMENT_MAX_MESSAGE_MB: z.coerce.number().positive().max(4096).default(25),
  ATTACHMENT_MAX_FILES: z.coerce.number().int().min(1).max(50).default(10),
  ATTACHMENT_STORAGE: z.enum(["local", "s3"]).default("local"),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ENDPOINT: z.url("must be the S3-compatible endpoint, e.g. https://s3.eu-central-1.amazonaws.com").optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("false"),
});

/** Attachment settings that only make sense together. */
function checkAttachmentEnv(env: z.infer<typeof ZEnv>, ctx: z.RefinementCtx): void {
  if (env.ATTACHMENT_MAX_MESSAGE_MB < env.ATTACHMENT_MAX_FILE_MB) {
    ctx.addIssue({ code: "custom", path: ["ATTACHMENT_MAX_MESSAGE_MB"], message: "must be at least ATTACHMENT_MAX_FILE_MB" });
  }
  if (env.ATTACHMENT_STORAGE === "s3" && !env.S3_BUCKET) {
    ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is required when ATTACHMENT_STORAGE=s3" });
  }
  if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) {
    ctx.addIssue({ code: "custom", path: ["S3_SECRET_ACCESS_KEY"], message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY come together" });
  }
}

// Rules between variables: single sign-on's connection settings come together, JIT needs a role mapping.
const ZCheckedEnv = ZEnv.superRefine(checkOidcEnv).superRefine(checkAttachmentEnv);

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

/** Validates an environment. Empty strings count as unset; a bad value throws a message naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ZCheckedEnv.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The app's configuration, read from process.env once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The auth secret: NEXTAUTH_SECRET, or one generated on first start and kept in the data folder. */
export function getAuthSecret(): string {
  const env = getEnv();
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(env.DATA_DIR, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(env.DATA_DIR, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/** Session lifetimes and whether the auth cookies are `Secure` (the public URL is https). */
export function sessionSettings(): { idleMs: number; maxAgeMs: number; secureCookies: boolean } {
  const env = getEnv();
  return {
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    maxAgeMs: env.SESSION_MAX_DAYS * 86_400_000,
    secureCookies: (env.NEXTAUTH_URL ?? "").startsWith("https://"),
  };
}

/** Attachment limits in bytes, and the storage the configuration chooses (server/attachments/storage.ts). */
export function attachmentSettings(env: Env = getEnv()) {
  const mb = (n: number) => Math.floor(n * 1024 * 1024);
  return {
    limits: {
      maxFileBytes: mb(env.ATTACHMENT_MAX_FILE_MB),
      maxMessageBytes: mb(env.ATTACHMENT_MAX_MESSAGE_MB),
      maxFiles: env.ATTACHMENT_MAX_FILES,
    },
    storage:
      env.ATTACHMENT_STORAGE === "s3"
        ? {
            kind: "s3" as const,
            bucket: env.S3_BUCKET!,
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            forcePathStyle: env.S3_FORCE_PATH_STYLE === "true",
            credentials:
              env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
                : undefined,
          }
        : { kind: "local" as const, dir: path.join(env.DATA_DIR, "attachments") },
  };
}

export function appUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/** A production run (`npm start`, `next start`): what some defaults follow (two-factor requirement for staff). */
export function isProductionRun(): boolean {
  return process.env.NODE_ENV === "production";
}
