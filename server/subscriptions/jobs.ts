import "server-only";
import type { DB } from "../db";
import { appUrl, getAuthSecret, getEnv } from "../env";
import type { JobSet } from "../jobs/job-set";
import { STATUS_NOTIFY_JOB } from "../status/events";
import { makeWebhookHandler, WEBHOOK_TIMEOUT_MS } from "./deliver-webhook";
import { makeNotifyHandler, WEBHOOK_DELIVER_JOB } from "./notify";
import type { SubscriptionLinks } from "./subscribe";
import { linkKeyFrom } from "./tokens";
import { makeVerifyHandler, WEBHOOK_VERIFY_JOB, type WebhookOutbound } from "./verify-webhook";

export type { WebhookOutbound };

export interface SubscriptionJobOptions {
  /** Where links point and the unsubscribe key; read from the configuration when the first job runs. */
  links?: () => SubscriptionLinks;
  webhookTimeoutMs?: number;
  /** The outbound rules for webhooks; from the configuration unless given (tests). */
  outbound?: () => WebhookOutbound;
}

/** The app's links: the public URL and a key derived from the auth secret (configuration, read once). */
export function configuredLinks(): SubscriptionLinks {
  return { appUrl: appUrl(), linkKey: linkKeyFrom(getAuthSecret()) };
}

/** WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOW_PRIVATE: https to public addresses only unless the admin allows more. */
export function configuredOutbound(): WebhookOutbound {
  const env = getEnv();
  return { policy: { allowHttp: env.WEBHOOK_ALLOW_HTTP === "true", allowPrivate: env.WEBHOOK_ALLOW_PRIVATE } };
}

/** Delivery of status events to subscribers (email and signed webhooks). */
export function subscriptionJobs(db: DB, opts: SubscriptionJobOptions = {}): JobSet {
  const outbound = opts.outbound ?? configuredOutbound;
  const timeoutMs = opts.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return {
    handlers: {
      [STATUS_NOTIFY_JOB]: makeNotifyHandler(db, opts.links ?? configuredLinks),
      [WEBHOOK_DELIVER_JOB]: makeWebhookHandler(db, outbound, { timeoutMs }),
      [WEBHOOK_VERIFY_JOB]: makeVerifyHandler(db, outbound, { timeoutMs }),
    },
    schedules: [],
  };
}
