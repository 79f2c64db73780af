import "server-only";
import { z } from "zod";
import { zText } from "@/lib/text-field";
import { fromJson } from "../db/json";
import type { MonitorKind } from "../db/schema";
import { msg } from "@/lib/i18n";

export const MONITOR_KINDS = ["http", "tcp", "tls", "heartbeat"] as const satisfies readonly MonitorKind[];
export const MIN_INTERVAL_S = 10;
export const MAX_TIMEOUT_MS = 30_000;
export const DEFAULT_EXPECTED_STATUS = "200-399";
export const DEFAULT_TLS_WARN_DAYS = 14;

/** What the `config` column holds. Every field is optional; defaults apply at check time. */
export interface MonitorConfig {
  /** Accepted HTTP statuses: "200-399", "200,204", "200-299,301". */
  expectedStatus?: string;
  /** Text the HTTP body must contain. */
  keyword?: string;
  /** Slower than this (ms) counts as degraded. */
  degradedMs?: number;
  /** A certificate expiring within this many days counts as degraded. */
  tlsWarnDays?: number;
}

const STATUS_SPEC = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

export const ZMonitorConfig = z.object({
  expectedStatus: z.string().trim().regex(STATUS_SPEC, msg("monitoring.err.expectedStatus")).optional(),
  keyword: zText().max(200, msg("monitoring.err.keyword")).optional(),
  degradedMs: z.number().int().min(1).max(MAX_TIMEOUT_MS, msg("monitoring.err.degradedMs")).optional(),
  tlsWarnDays: z.number().int().min(1).max(365, msg("monitoring.err.tlsWarnDays")).optional(),
});

/** Reads the stored config; a row edited by hand into nonsense reads as the defaults, never crashes a check. */
export function parseConfig(text: string | null): MonitorConfig {
  try {
    const parsed = ZMonitorConfig.safeParse(fromJson(text) ?? {});
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** True when `status` is one of the accepted codes. */
export function statusAccepted(spec: string | undefined, status: number): boolean {
  return (spec || DEFAULT_EXPECTED_STATUS).split(",").some((part) => {
    const [lo, hi] = part.split("-").map(Number);
    return hi === undefined ? status === lo : status >= lo && status <= hi;
  });
}

/** "host:port" for TCP and TLS; TLS defaults to 443. */
export function parseHostPort(target: string, defaultPort?: number): { host: string; port: number } | null {
  const m = /^\[?([^\][\s/]+?)\]?(?::(\d{1,5}))?$/.exec(target.trim());
  if (!m) return null;
  const port = m[2] ? Number(m[2]) : defaultPort;
  if (!port || port < 1 || port > 65535) return null;
  return { host: m[1], port };
}

const fields = {
  componentId: z.number().int().positive().nullable().default(null),
  name: zText().trim().min(2, msg("monitoring.err.name")).max(120, msg("monitoring.err.name")),
  target: zText().trim().max(2048, msg("monitoring.err.target")).default(""),
  config: ZMonitorConfig.default({}),
  intervalS: z.number().int().min(MIN_INTERVAL_S, msg("monitoring.err.interval")).max(86_400, msg("monitoring.err.interval")).default(60),
  timeoutMs: z.number().int().min(100, msg("monitoring.err.timeout")).max(MAX_TIMEOUT_MS, msg("monitoring.err.timeout")).default(10_000),
  failThreshold: z.number().int().min(1, msg("monitoring.err.threshold")).max(20, msg("monitoring.err.threshold")).default(3),
  recoverThreshold: z.number().int().min(1, msg("monitoring.err.threshold")).max(20, msg("monitoring.err.threshold")).default(2),
};

/** The target must fit the kind: a URL for HTTP, host:port for TCP and TLS, nothing for a heartbeat. */
function checkTarget(v: { kind: MonitorKind; target: string }, ctx: z.RefinementCtx): void {
  const bad = () => ctx.addIssue({ code: "custom", path: ["target"], message: msg("monitoring.err.target") });
  if (v.kind === "http" && !/^https?:\/\/[^\s]+$/i.test(v.target)) bad();
  if (v.kind === "tcp" && !parseHostPort(v.target)) bad();
  if (v.kind === "tls" && !parseHostPort(v.target, 443)) bad();
}

export const ZMonitorId = z.number().int().positive();

export const ZCreateMonitor = z.object({ kind: z.enum(MONITOR_KINDS), ...fields }).superRefine((v, ctx) => checkTarget(v, ctx));
export type TCreateMonitor = z.input<typeof ZCreateMonitor>;

/** The kind is fixed at creation: a different kind is a different monitor. */
export const ZUpdateMonitor = z.object({ id: ZMonitorId, ...fields });
export type TUpdateMonitor = z.input<typeof ZUpdateMonitor>;

export const ZFindChecks = z.object({ id: ZMonitorId, limit: z.number().int().min(1).max(500).default(50) });
export const ZFindAlerts = z.object({
  open: z.boolean().default(false),
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const ZSetOnDuty = z.object({ userId: z.number().int().positive(), onDuty: z.boolean() });
