/** English strings of newcomer polish: titles, forms, locale notices. */
export const firstHourEn = {} as const;
