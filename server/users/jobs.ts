import "server-only";
import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";
import { PermanentJobError } from "../jobs/queue";
import { issuePasswordReset, PASSWORD_RESET_JOB, type PasswordResetJobPayload } from "./password-reset";

export const ACCOUNT_LINKS_SWEEP_JOB = "users.sweep_links";

function isResetPayload(p: unknown): p is PasswordResetJobPayload {
  const o = p as Partial<PasswordResetJobPayload> | null;
  return (
    !!o &&
    typeof o.email === "string" &&
    (o.locale === "en" || o.locale === "ru") &&
    typeof o.ip === "string" &&
    typeof o.userAgent === "string"
  );
}

/**
 * Expired reset links and unconfirmed sign-ups, and finished reset requests (their payload holds an
 * address someone typed, which may belong to nobody), deleted every hour.
 */
export async function sweepAccountLinks(db: DB, now: number): Promise<void> {
  await db.deleteFrom("password_resets").where("expires_at", "<", now).execute();
  await db.deleteFrom("sign_up_requests").where("expires_at", "<", now).execute();
  await db
    .deleteFrom("jobs")
    .where("type", "=", PASSWORD_RESET_JOB)
    .where("status", "in", ["done", "dead"])
    .where("updated_at", "<", now - 3600_000)
    .execute();
}

/** Password reset requests (decided and sent in the background) and the hourly sweep. */
export function usersJobs(db: DB, opts: { appUrl: () => string }): JobSet {
  return {
    handlers: {
      [PASSWORD_RESET_JOB]: async (payload, ctx) => {
        if (!isResetPayload(payload)) throw new PermanentJobError("bad password reset payload");
        await issuePasswordReset(db, { actor: null, ip: payload.ip, userAgent: payload.userAgent, now: ctx.now }, payload, opts.appUrl());
      },
      [ACCOUNT_LINKS_SWEEP_JOB]: async (_payload, ctx) => {
        await sweepAccountLinks(db, ctx.now());
      },
    },
    schedules: [{ name: ACCOUNT_LINKS_SWEEP_JOB, type: ACCOUNT_LINKS_SWEEP_JOB, payload: {}, intervalMs: 3_600_000 }],
  };
}
