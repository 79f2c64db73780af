export declare function documentPolicy(options?: { nonce?: string; hashes?: string[]; dev?: boolean }): string;
export declare const RESOURCE_POLICY: string;
export declare function strictTransportSecurity(publicUrl: string | null | undefined): string | undefined;
export declare function publicUrlOf(env: Record<string, string | undefined>): string;
export declare const commonHeaders: { key: string; value: string }[];
export declare const securityHeaders: { key: string; value: string }[];
