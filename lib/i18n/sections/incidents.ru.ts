import type { incidentsEn } from "./incidents.en";

/** Russian strings of the incidents area: the same keys as incidents.en.ts. */
export const incidentsRu: Record<keyof typeof incidentsEn, string> = {};
