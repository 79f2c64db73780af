/** English strings of the subscriptions area. Keys start with "subscriptions.". */
export const subscriptionsEn = {} as const;
