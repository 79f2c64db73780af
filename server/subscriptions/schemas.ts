import "server-only";
import { z } from "zod";
import { zText } from "@/lib/text-field";
import { msg } from "@/lib/i18n";
import { ZEmail, ZLocale } from "../users/schemas";

/** Component ids to follow; absent or null means all components. */
export const ZComponentIds = z
  .array(z.number().int().positive())
  .min(1, msg("subscriptions.err.components.empty"))
  .max(200)
  .transform((ids) => [...new Set(ids)].sort((a, b) => a - b))
  .nullish();

/**
 * Any http(s) URL. Whether Mayak may call it (https only, public addresses only, unless the admin allows
 * more) is decided by server/net/address-policy.ts, when subscribing and again at every call.
 */
export const ZWebhookUrl = zText()
  .trim()
  .max(2048, msg("err.url.long"))
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: msg("err.url.invalid") }));

export const ZWebhookSecret = z
  .string()
  .min(16, msg("subscriptions.err.secret.short"))
  .max(128, msg("subscriptions.err.secret.long"))
  .regex(/^[\x21-\x7e]+$/, msg("subscriptions.err.secret.chars"));

export const ZSubscribe = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("email"), email: ZEmail, locale: ZLocale.default("en"), components: ZComponentIds }),
  z.object({
    kind: z.literal("webhook"),
    url: ZWebhookUrl,
    secret: ZWebhookSecret.optional(),
    locale: ZLocale.default("en"),
    components: ZComponentIds,
  }),
]);
export type TSubscribe = z.input<typeof ZSubscribe>;

export const ZToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, msg("subscriptions.err.token")) });

export const ZFindSubscribers = z.object({
  kind: z.enum(["email", "webhook"]).optional(),
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const ZSubscriberId = z.object({ id: z.number().int().positive() });
