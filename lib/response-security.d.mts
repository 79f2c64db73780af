import type { IncomingMessage, ServerResponse } from "node:http";

export declare function inlineScriptHashes(html: string | Uint8Array): string[];
export declare class HashedPolicyCache {
  constructor(maxBytes?: number);
  readonly maxBytes: number;
  bytes: number;
  hits: number;
  readonly entries: Map<string, { body: Buffer; policy: string }>;
  misses: number;
  policy(key: string, body: Buffer, encoding?: unknown): string;
}
export declare function createResponseGuard(options?: {
  publicUrl?: string;
  cache?: HashedPolicyCache;
}): (req: IncomingMessage, res: ServerResponse) => void;
