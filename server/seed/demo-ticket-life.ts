import "server-only";
import type { DemoSetup, DemoSetupWithTickets } from "./types";

/** Demo merged duplicates, follow-ups and satisfaction ratings: set up before the tickets arrive. */
export async function seedTicketLifeDemo(_setup: DemoSetup): Promise<void> {}

/** Demo merged duplicates, follow-ups and satisfaction ratings: what follows once the tickets are in. */
export async function finishTicketLifeDemo(_setup: DemoSetupWithTickets): Promise<void> {}
