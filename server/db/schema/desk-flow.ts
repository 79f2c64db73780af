import "server-only";

/** Teams' routing, agents' availability and notifications. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- tables arrive with their migration
export interface DeskFlowTables {}
