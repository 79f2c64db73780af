import "server-only";
import type { DB } from "../db";
import type { CheckResult, Monitor, MonitorKind, MonitorState } from "../db/schema";
import { notFound } from "../errors";
import { parseConfig, type MonitorConfig } from "./schemas";
import { msg } from "@/lib/i18n";

export interface MonitorView {
  id: number;
  name: string;
  kind: MonitorKind;
  target: string;
  componentId: number | null;
  componentName: string | null;
  config: MonitorConfig;
  intervalS: number;
  timeoutMs: number;
  failThreshold: number;
  recoverThreshold: number;
  enabled: boolean;
  state: MonitorState;
  lastCheckedAt: number | null;
  lastHeartbeatAt: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  nextCheckAt: number;
  hasHeartbeatToken: boolean;
}

const num = (v: number | null) => (v === null ? null : Number(v));

function view(m: Monitor & { component_name: string | null }): MonitorView {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    target: m.target,
    componentId: m.component_id,
    componentName: m.component_name,
    config: parseConfig(m.config),
    intervalS: m.interval_s,
    timeoutMs: m.timeout_ms,
    failThreshold: m.fail_threshold,
    recoverThreshold: m.recover_threshold,
    enabled: m.enabled === 1,
    state: m.state,
    lastCheckedAt: num(m.last_checked_at),
    lastHeartbeatAt: num(m.last_heartbeat_at),
    lastLatencyMs: m.last_latency_ms,
    lastError: m.last_error,
    nextCheckAt: Number(m.next_check_at),
    hasHeartbeatToken: m.heartbeat_token_hash !== null,
  };
}

function monitorsQuery(db: DB) {
  return db
    .selectFrom("monitors as m")
    .leftJoin("status_components as c", "c.id", "m.component_id")
    .selectAll("m")
    .select("c.name_en as component_name");
}

/** Every monitor, down ones first, then by name. Staff keep dozens, not thousands: no paging. */
export async function findMonitors(db: DB): Promise<MonitorView[]> {
  const rows = await monitorsQuery(db).orderBy("m.name").orderBy("m.id").limit(1000).execute();
  const rank: Record<MonitorState, number> = { down: 0, degraded: 1, pending: 2, up: 3, paused: 4 };
  return rows.map(view).sort((a, b) => rank[a.state] - rank[b.state]);
}

export async function getMonitor(db: DB, id: number): Promise<MonitorView> {
  const row = await monitorsQuery(db).where("m.id", "=", id).executeTakeFirst();
  if (!row) throw notFound(msg("monitoring.err.notFound"));
  return view(row);
}

export interface CheckView {
  id: number;
  checkedAt: number;
  scheduledAt: number;
  result: CheckResult;
  latencyMs: number | null;
  error: string | null;
}

/** The latest raw checks of a monitor, newest first. */
export async function findRecentChecks(db: DB, input: { id: number; limit: number }): Promise<CheckView[]> {
  await getMonitor(db, input.id);
  const rows = await db
    .selectFrom("monitor_checks")
    .selectAll()
    .where("monitor_id", "=", input.id)
    .orderBy("checked_at", "desc")
    .orderBy("id", "desc")
    .limit(input.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    checkedAt: Number(r.checked_at),
    scheduledAt: Number(r.scheduled_at),
    result: r.result,
    latencyMs: r.latency_ms,
    error: r.error,
  }));
}

/** Components a monitor can watch, for the form's select. */
export async function findComponentChoices(db: DB): Promise<{ id: number; name: string }[]> {
  const rows = await db.selectFrom("status_components").select(["id", "name_en"]).orderBy("position").orderBy("name_en").execute();
  return rows.map((r) => ({ id: r.id, name: r.name_en }));
}
