/** English strings of SLA clocks, business-hours calendars, escalation. */
export const slaEn = {} as const;
