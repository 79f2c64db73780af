/** English strings of working a ticket: conversation timeline, attachments, presence, shortcuts. */
export const ticketWorkEn = {} as const;
