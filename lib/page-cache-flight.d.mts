export declare const FLIGHT_PREFIX: string;
export declare function splitFlight(html: Buffer, pagePath: string): { html: Buffer; script: Buffer; hash: string } | null;
export declare function parseFlightPath(url: string): { hash: string; page: string } | null;
