import type { BlockList } from "node:net";
import type { IncomingMessage } from "node:http";

export interface TrustedProxies {
  entries: string[];
  list: BlockList;
}
export declare const CLIENT_IP_HEADER: "x-mayak-client-ip";
export declare function normalizeIp(raw: string | null | undefined): string;
export declare function parseTrustedProxies(text: string | null | undefined): TrustedProxies;
export declare function isTrustedProxy(trusted: TrustedProxies, ip: string): boolean;
export declare function resolveClientIp(
  remoteAddress: string | null | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string;
export declare function stampClientIp(req: Pick<IncomingMessage, "headers" | "socket">, trusted: TrustedProxies): string;
export declare function markClientIpStamped(): void;
export declare function isClientIpStamped(): boolean;
