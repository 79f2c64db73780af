export declare function statusHistoriesState(): { generation: number; entry: unknown; enabled: boolean };
export declare function shareStatusHistories(): void;
export declare function forgetStatusHistories(): void;
