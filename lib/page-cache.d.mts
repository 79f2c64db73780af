import type { IncomingMessage, ServerResponse } from "node:http";
import type { PageTarget } from "./page-cache-targets.mjs";

export declare const CACHE_CONTROL: string;
export declare const IMMUTABLE: string;
export declare const STALE_MS: number;
export declare const MAX_WAIT_MS: number;
export declare const FLIGHT_GRACE_MS: number;
export interface Rendered {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
export declare function prepareAnswer(
  r: Rendered,
  opts: { html: boolean; vary: string; always: [string, string][]; cacheControl?: string },
): Promise<{ status: number; base: string; bytes: number }>;
export declare class PageCache {
  constructor(opts: {
    render: (target: PageTarget) => Promise<Rendered>;
    now?: () => number;
    staleMs?: number;
    hotMs?: number;
    maxBytes?: number;
    maxRenders?: number;
    maxWaitMs?: number;
    publicUrl?: string;
    logError?: (message: string, err: unknown) => void;
    logWarn?: (message: string) => void;
    splitFlight?: (target: PageTarget) => boolean;
  });
  readonly entries: Map<string, unknown>;
  bytes: number;
  readonly generation: { status: number; help: number };
  stats: { hits: number; stale: number; waits: number; late: number; renders: number; failures: number; renderMsMax: number };
  handle(req: IncomingMessage, res: ServerResponse, target: PageTarget): true | Promise<boolean>;
  handleFlight(req: IncomingMessage, res: ServerResponse): void;
  invalidate(area: "status" | "help"): void;
  refresh(area: "status" | "help"): void;
}
