import "server-only";
import type { DemoSetup, DemoSetupWithTickets } from "./types";

/** Demo teams' routing, availability and notification settings: set up before the tickets arrive. */
export async function seedDeskFlowDemo(_setup: DemoSetup): Promise<void> {}

/** Demo teams' routing, availability and notification settings: what follows once the tickets are in. */
export async function finishDeskFlowDemo(_setup: DemoSetupWithTickets): Promise<void> {}
