/** English strings of the agent inbox: views, filters, saved views, staff search. */
export const inboxEn = {} as const;
