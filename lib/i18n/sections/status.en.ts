/** English strings of the status area. Keys start with "status.". */
export const statusEn = {} as const;
