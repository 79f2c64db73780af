export declare class RenderProcess {
  constructor(opts: {
    script: string;
    args?: string[];
    env: () => Record<string, string | undefined>;
    now?: () => number;
    log?: (message: string) => void;
  });
  readonly address: { host: string; port: number } | null;
  readonly pid: number | undefined;
  failures: number;
  ready(): { host: string; port: number } | null;
  stop(graceMs?: number): Promise<void>;
}
