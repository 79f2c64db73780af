export declare function badRequestTarget(url: string): string | null;
export declare function badRequestAnswer(url: string, reason: string): { status: number; headers: Record<string, string>; body: string };
