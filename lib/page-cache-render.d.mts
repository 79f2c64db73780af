import type { IncomingHttpHeaders, Server } from "node:http";

export declare const PAGE_CACHE_KEY: unique symbol;
export declare const STATUS_GENERATION_HEADER: string;
export declare function loopbackOf(server: Server): { host: string; port: number };
export declare function renderThroughServer(
  address: { host: string; port: number },
  target: { path: string; accept?: string; html: boolean; route?: string; locale?: string },
  opts: { token: string; previewModeId?: string; timeoutMs?: number; statusGeneration?: number },
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>;
