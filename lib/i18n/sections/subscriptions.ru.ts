import type { subscriptionsEn } from "./subscriptions.en";

/** Russian strings of the subscriptions area: the same keys as subscriptions.en.ts. */
export const subscriptionsRu: Record<keyof typeof subscriptionsEn, string> = {};
