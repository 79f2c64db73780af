export interface BadTarget {
  status: 400 | 414;
  reason: string;
}
export declare function badRequestTarget(url: string): BadTarget | null;
export declare function badRequestAnswer(url: string, bad: BadTarget): { status: number; headers: Record<string, string>; body: string };
