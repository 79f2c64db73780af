import type { statusEn } from "./status.en";

/** Russian strings of the status area: the same keys as status.en.ts. */
export const statusRu: Record<keyof typeof statusEn, string> = {};
