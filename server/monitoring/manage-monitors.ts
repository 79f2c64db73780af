import "server-only";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import { toJson } from "../db/json";
import type { Monitor, MonitorKind } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { AppError, notFound } from "../errors";
import { closeAlerts } from "./alerts";
import { syncComponentStatus } from "./component-status";
import { heartbeatUrl, newHeartbeatToken } from "./heartbeat";
import { parseConfig, ZCreateMonitor, ZUpdateMonitor, type TCreateMonitor, type TUpdateMonitor } from "./schemas";
import { msg } from "@/lib/i18n";
import { transact } from "../db/transact";

/** What the audit trail keeps of a monitor: its settings, never the token hash. */
function auditView(
  m: Pick<
    Monitor,
    "name" | "kind" | "target" | "component_id" | "interval_s" | "timeout_ms" | "fail_threshold" | "recover_threshold" | "config"
  >,
) {
  return {
    name: m.name,
    kind: m.kind,
    target: m.target,
    componentId: m.component_id,
    intervalS: m.interval_s,
    timeoutMs: m.timeout_ms,
    failThreshold: m.fail_threshold,
    recoverThreshold: m.recover_threshold,
    config: parseConfig(m.config),
  };
}

function assertManager(ctx: RequestCtx): void {
  if (!can(ctx.actor, "monitor.manage")) throw notFound(msg("monitoring.err.notFound"));
}

async function lockMonitorOrThrow(trx: Tx, id: number): Promise<Monitor> {
  const m = await forUpdate(trx, trx.selectFrom("monitors").selectAll().where("id", "=", id)).executeTakeFirst();
  if (!m) throw notFound(msg("monitoring.err.notFound"));
  return m;
}

async function assertComponent(trx: Tx, componentId: number | null): Promise<void> {
  if (componentId === null) return;
  const c = await trx.selectFrom("status_components").select("id").where("id", "=", componentId).executeTakeFirst();
  if (!c) throw new AppError("INVALID_INPUT", msg("monitoring.err.component"), "componentId");
}

/** A heartbeat's first verdict waits for interval + grace: before that, no ping is not yet a failure. */
function firstCheckAt(kind: Monitor["kind"], intervalS: number, timeoutMs: number, now: number): number {
  return kind === "heartbeat" ? now + intervalS * 1000 + timeoutMs : now;
}

/** A lead adds a monitor. A heartbeat monitor's URL (with its secret) is returned this once. */
/** The columns a monitor's settings fill, from the create or update form. */
interface MonitorSettings {
  componentId: number | null;
  name: string;
  target?: string;
  config: unknown;
  intervalS: number;
  timeoutMs: number;
  failThreshold: number;
  recoverThreshold: number;
}

function settingsRow(i: MonitorSettings, kind: MonitorKind) {
  return {
    component_id: i.componentId,
    name: i.name,
    kind,
    target: kind === "heartbeat" ? "" : (i.target ?? ""),
    config: toJson(i.config) ?? "{}",
    interval_s: i.intervalS,
    timeout_ms: i.timeoutMs,
    fail_threshold: i.failThreshold,
    recover_threshold: i.recoverThreshold,
  };
}

export async function createMonitor(
  db: DB,
  ctx: RequestCtx,
  raw: TCreateMonitor,
  appUrl: string,
): Promise<{ id: number; heartbeatUrl: string | null }> {
  assertManager(ctx);
  const input = ZCreateMonitor.parse(raw);
  const now = ctx.now();
  const token = input.kind === "heartbeat" ? newHeartbeatToken() : null;
  return transact(db, async (trx) => {
    await assertComponent(trx, input.componentId);
    const row = settingsRow(input, input.kind);
    const res = await trx
      .insertInto("monitors")
      .values({
        ...row,
        heartbeat_token_hash: token?.hash ?? null,
        enabled: 1,
        state: "pending",
        consecutive_failures: 0,
        consecutive_successes: 0,
        last_checked_at: null,
        last_heartbeat_at: null,
        last_latency_ms: null,
        last_error: null,
        next_check_at: firstCheckAt(input.kind, input.intervalS, input.timeoutMs, now),
        lease_until: null,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    const id = Number(res.insertId);
    await recordAudit(trx, ctx, { action: "monitor.created", entityType: "monitor", entityId: id, after: auditView(row) });
    return { id, heartbeatUrl: token ? heartbeatUrl(appUrl, token.token) : null };
  });
}

/** Changes a monitor's settings; the next check runs soon with them. The kind stays. */
export async function updateMonitor(db: DB, ctx: RequestCtx, raw: TUpdateMonitor): Promise<void> {
  assertManager(ctx);
  const input = ZUpdateMonitor.parse(raw);
  const now = ctx.now();
  await transact(db, async (trx) => {
    const m = await lockMonitorOrThrow(trx, input.id);
    const targetOk = ZCreateMonitor.safeParse({ ...input, kind: m.kind });
    if (!targetOk.success) throw new AppError("INVALID_INPUT", msg("monitoring.err.target"), "target");
    await assertComponent(trx, input.componentId);
    const row = settingsRow(input, m.kind);
    const { kind: _kind, ...set } = row;
    await trx
      .updateTable("monitors")
      .set({ ...set, updated_at: now, ...(m.kind === "heartbeat" || !m.enabled ? {} : { next_check_at: now }) })
      .where("id", "=", m.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: "monitor.updated",
      entityType: "monitor",
      entityId: m.id,
      before: auditView(m),
      after: auditView(row),
    });
    if (m.component_id !== input.componentId) {
      await syncComponentStatus(trx, ctx, m.component_id, now);
      await syncComponentStatus(trx, ctx, input.componentId, now);
    }
  });
}

/** Pauses (no checks, no alerts, no effect on the component) or resumes (starts afresh) a monitor. */
export async function setMonitorPaused(db: DB, ctx: RequestCtx, input: { id: number; paused: boolean }): Promise<void> {
  assertManager(ctx);
  const now = ctx.now();
  await transact(db, async (trx) => {
    const m = await lockMonitorOrThrow(trx, input.id);
    if (input.paused === !m.enabled) return;
    const set = input.paused
      ? { enabled: 0, state: "paused" as const, lease_until: null }
      : {
          enabled: 1,
          state: "pending" as const,
          consecutive_failures: 0,
          consecutive_successes: 0,
          next_check_at: firstCheckAt(m.kind, m.interval_s, m.timeout_ms, now),
        };
    await trx
      .updateTable("monitors")
      .set({ ...set, updated_at: now })
      .where("id", "=", m.id)
      .execute();
    if (input.paused) await closeAlerts(trx, m.id, now);
    await recordAudit(trx, ctx, {
      action: input.paused ? "monitor.paused" : "monitor.resumed",
      entityType: "monitor",
      entityId: m.id,
      before: { state: m.state },
      after: { state: set.state },
    });
    await syncComponentStatus(trx, ctx, m.component_id, now);
  });
}

/** Deletes a monitor with its raw checks and rollups; its alerts close, its incidents stay as they are. */
export async function removeMonitor(db: DB, ctx: RequestCtx, id: number): Promise<void> {
  assertManager(ctx);
  const now = ctx.now();
  await transact(db, async (trx) => {
    const m = await lockMonitorOrThrow(trx, id);
    await closeAlerts(trx, m.id, now);
    await trx.deleteFrom("monitor_checks").where("monitor_id", "=", m.id).execute();
    await trx.deleteFrom("monitor_rollups").where("monitor_id", "=", m.id).execute();
    await trx.deleteFrom("monitors").where("id", "=", m.id).execute();
    await recordAudit(trx, ctx, { action: "monitor.deleted", entityType: "monitor", entityId: m.id, before: auditView(m) });
    await syncComponentStatus(trx, ctx, m.component_id, now);
  });
}

/** A new heartbeat URL; the old one stops working at once. The URL is returned this once. */
export async function regenerateHeartbeatToken(db: DB, ctx: RequestCtx, id: number, appUrl: string): Promise<{ heartbeatUrl: string }> {
  assertManager(ctx);
  const token = newHeartbeatToken();
  await transact(db, async (trx) => {
    const m = await lockMonitorOrThrow(trx, id);
    if (m.kind !== "heartbeat") throw new AppError("INVALID_INPUT", msg("monitoring.err.notHeartbeat"));
    await trx.updateTable("monitors").set({ heartbeat_token_hash: token.hash, updated_at: ctx.now() }).where("id", "=", m.id).execute();
    await recordAudit(trx, ctx, { action: "monitor.token_regenerated", entityType: "monitor", entityId: m.id });
  });
  return { heartbeatUrl: heartbeatUrl(appUrl, token.token) };
}
