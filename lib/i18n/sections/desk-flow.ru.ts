import type { deskFlowEn } from "./desk-flow.en";

/** Russian strings of teams, routing, availability and notifications: the same keys as desk-flow.en.ts. */
export const deskFlowRu: Record<keyof typeof deskFlowEn, string> = {};
