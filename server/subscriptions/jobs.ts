import type { DB } from "../db";
import { appUrl, getAuthSecret } from "../env";
import type { JobSet } from "../jobs/job-set";
import { STATUS_NOTIFY_JOB } from "../status/events";
import { makeWebhookHandler } from "./deliver-webhook";
import { makeNotifyHandler, WEBHOOK_DELIVER_JOB } from "./notify";
import type { SubscriptionLinks } from "./subscribe";
import { linkKeyFrom } from "./tokens";

export interface SubscriptionJobOptions {
  /** Where links point and the unsubscribe key; read from the configuration when the first job runs. */
  links?: () => SubscriptionLinks;
  webhookTimeoutMs?: number;
}

/** The app's links: the public URL and a key derived from the auth secret (configuration, read once). */
export function configuredLinks(): SubscriptionLinks {
  return { appUrl: appUrl(), linkKey: linkKeyFrom(getAuthSecret()) };
}

/** Delivery of status events to subscribers (email and signed webhooks). */
export function subscriptionJobs(db: DB, opts: SubscriptionJobOptions = {}): JobSet {
  return {
    handlers: {
      [STATUS_NOTIFY_JOB]: makeNotifyHandler(db, opts.links ?? configuredLinks),
      [WEBHOOK_DELIVER_JOB]: makeWebhookHandler(db, { timeoutMs: opts.webhookTimeoutMs }),
    },
    schedules: [],
  };
}
