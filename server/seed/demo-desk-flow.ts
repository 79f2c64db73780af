import "server-only";
import type { DemoSetup, DemoSetupWithTickets } from "./types";
import { findCategories, saveCategory } from "../taxonomy/categories";
import { setAgentStatus } from "../routing/availability";

/** Which team a category's new tickets go to in the demo (the seed's own tickets are triaged by hand). */
const ROUTES: Record<string, "web" | "infra"> = {
  signin: "web",
  billing: "web",
  bugs: "web",
  privacy: "web",
  email: "infra",
  hosting: "infra",
};

/**
 * Demo routing, set up by the admin before the tickets arrive: categories route to the two teams (whose members
 * take new tickets in turn), and Pavel has his own cap of open tickets. The demo's history files its tickets
 * without a category, so they are triaged by hand as before; a ticket filed in the demo with a category is routed.
 */
export async function seedDeskFlowDemo(setup: DemoSetup): Promise<void> {
  // A minute after the admin set up the workspace (the last audit event so far), before the first ticket.
  const last = await setup.db.selectFrom("audit_events").select("created_at").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
  const ctx = setup.ctxOf("alexei", Number(last.created_at) + 60_000);
  const all = await findCategories(setup.db, { archived: true });
  for (const [key, id] of Object.entries(setup.workspace.categories)) {
    const team = ROUTES[key];
    const c = all.find((x) => x.id === id);
    if (!team || !c) continue;
    await saveCategory(setup.db, ctx, {
      id,
      nameEn: c.nameEn,
      nameRu: c.nameRu,
      position: c.position,
      teamId: setup.workspace.teams[team],
    });
  }
  await setAgentStatus(setup.db, ctx, { userId: setup.actors.pavel.id, openCap: 25 });
}

/** Nothing follows once the tickets are in: their assignments and replies have notified the staff for real. */
export async function finishDeskFlowDemo(_setup: DemoSetupWithTickets): Promise<void> {}
