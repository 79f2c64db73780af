import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import type { DB } from "../db/connect";
import { fromJson } from "../db/json";
import { PermanentJobError } from "./queue";
import { claimJobs, completeJob, failJob, type ClaimedJob } from "./lease";
import { enqueueDueSchedules } from "./schedules";

export interface JobCtx {
  jobId: number;
  /** 1 on the first run. */
  attempt: number;
  /** When `attempt === maxAttempts` a failure dead-letters the job: handlers use it to record a final state. */
  maxAttempts: number;
  now: () => number;
}

export type JobHandler = (payload: unknown, ctx: JobCtx) => Promise<void>;

/** Structured logger shape (pino's `logger.error(obj, msg)` fits). */
export interface WorkerLog {
  error: (obj: object, msg: string) => void;
  warn?: (obj: object, msg: string) => void;
}

export interface WorkerOptions {
  db: DB;
  handlers: Record<string, JobHandler>;
  now?: () => number;
  workerId?: string;
  leaseMs?: number;
  pollMs?: number;
  batchSize?: number;
  log?: WorkerLog;
}

export interface Worker {
  /** Claims one batch of due jobs, runs them, and returns how many ran. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops polling and resolves once the jobs already claimed have finished. */
  stop(): Promise<void>;
}

const consoleLog: WorkerLog = { error: (obj, msg) => console.error(msg, obj) };

export function createWorker(opts: WorkerOptions): Worker {
  const now = opts.now ?? Date.now;
  const workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 1000;
  const batchSize = opts.batchSize ?? 10;
  const log = opts.log ?? consoleLog;
  const inFlight = new Set<Promise<unknown>>();
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function runJob(job: ClaimedJob): Promise<void> {
    const handler = Object.hasOwn(opts.handlers, job.type) ? opts.handlers[job.type] : undefined;
    try {
      if (!handler) throw new PermanentJobError(`no handler registered for job type "${job.type}"`);
      await handler(fromJson(job.payload), { jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts, now });
    } catch (err) {
      const outcome = await failJob(opts.db, now(), job, workerId, err, { permanent: err instanceof PermanentJobError });
      if (outcome === "dead") log.error({ jobId: job.id, type: job.type, err }, "job dead-lettered");
      if (outcome === "fenced") log.warn?.({ jobId: job.id, type: job.type }, "job failed after its lease was taken over");
      return;
    }
    if (!(await completeJob(opts.db, now(), job, workerId))) {
      log.warn?.({ jobId: job.id, type: job.type }, "job finished after its lease was taken over");
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  async function runOnce(): Promise<number> {
    const jobs = await claimJobs(opts.db, now(), { workerId, leaseMs, batchSize });
    // One job's bookkeeping failing (say, the database blinked) must not hide the others' results;
    // its lease simply expires and it runs again.
    const results = await Promise.allSettled(jobs.map(runJob));
    for (const r of results) if (r.status === "rejected") log.error({ err: r.reason }, "job bookkeeping failed");
    return jobs.length;
  }

  async function tick(): Promise<void> {
    let ran = 0;
    try {
      await enqueueDueSchedules(opts.db, now());
    } catch (err) {
      log.error({ err }, "enqueueing due schedules failed");
    }
    try {
      ran = await runOnce();
    } catch (err) {
      log.error({ err }, "claiming jobs failed");
    }
    if (!running) return;
    // A full batch suggests more work is waiting: go again at once instead of sleeping.
    timer = setTimeout(() => void track(tick()), ran >= batchSize ? 0 : pollMs);
    timer.unref();
  }

  return {
    runOnce: () => track(runOnce()),
    start() {
      if (running) return;
      running = true;
      void track(tick());
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
