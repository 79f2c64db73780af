/** English strings of teams, routing, availability and notifications. */
export const deskFlowEn = {} as const;
