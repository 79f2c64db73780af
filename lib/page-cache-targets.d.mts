export interface PageTarget {
  key: string;
  area: "status" | "help";
  path: string;
  accept?: string;
  html: boolean;
  locale?: "en" | "ru";
  route?: string;
}
export declare function pageTarget(
  method: string | undefined,
  url: string,
  headers: { cookie?: string; accept?: string },
): PageTarget | null;
export declare function wantsHtml(accept: string | undefined): boolean;
export declare function pickEncoding(header: string | undefined): "br" | "gzip" | "identity";
export declare function etagMatches(header: string, base: string): boolean;
