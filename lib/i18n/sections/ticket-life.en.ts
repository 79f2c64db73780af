/** English strings of merging, closing, follow-ups and satisfaction ratings. */
export const ticketLifeEn = {} as const;
