import "server-only";
import type { DemoSetup, DemoSetupWithTickets } from "./types";

/** Demo business-hours calendars and SLA policies: set up before the tickets arrive. */
export async function seedSlaDemo(_setup: DemoSetup): Promise<void> {}

/** Demo business-hours calendars and SLA policies: what follows once the tickets are in. */
export async function finishSlaDemo(_setup: DemoSetupWithTickets): Promise<void> {}
