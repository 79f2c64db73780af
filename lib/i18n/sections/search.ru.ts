import type { searchEn } from "./search.en";

/** Russian strings of help-center search: synonyms, answers, content gaps: the same keys as search.en.ts. */
export const searchRu: Record<keyof typeof searchEn, string> = {};
