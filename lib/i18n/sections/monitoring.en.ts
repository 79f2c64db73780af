/** English strings of the monitoring area. Keys start with "monitoring.". */
export const monitoringEn = {} as const;
