import "server-only";
import type { DemoSetup, DemoSetupWithTickets } from "./types";
import { saveCalendar, savePolicy } from "../sla/admin";
import { addMessage } from "../tickets/add-message";

const MINUTE = 60_000;
const weekdays = (ranges: [number, number][]) => [[], ranges, ranges, ranges, ranges, ranges, []];
const ALL_DAY = Array.from({ length: 7 }, () => [[0, 1440]] as [number, number][]);
const targets = (first: number | null, next: number | null, resolution: number | null) => ({
  first_response: first,
  next_response: next,
  resolution,
});

/**
 * Demo business-hours calendars and SLA policies, before the tickets arrive: an office calendar in Berlin with
 * lunch and holidays, a 24/7 calendar for the infrastructure team, and three policies in order (urgent tickets
 * round the clock, the infrastructure team, everything else in office hours).
 */
export async function seedSlaDemo(setup: DemoSetup): Promise<void> {
  const { db, ctxOf, workspace } = setup;
  // Right after the workspace is set up (the last event so far), before the first ticket.
  const admin = ctxOf("alexei", (await lastEventAt(db)) + MINUTE);
  const office = await saveCalendar(db, admin, {
    name: "EU office hours",
    timeZone: "Europe/Berlin",
    week: weekdays([
      [540, 780],
      [840, 1080],
    ]),
    holidays: [
      { from: "2000-12-24", to: "2000-12-26", yearly: true },
      { from: "2000-01-01", yearly: true },
    ],
  });
  const always = await saveCalendar(db, admin, { name: "24/7 operations", timeZone: "UTC", week: ALL_DAY, holidays: [] });
  const none = { priorities: [], categoryIds: [], teamIds: [], domains: [] };
  await savePolicy(db, admin, {
    name: "Urgent, round the clock",
    calendarId: always.id,
    conditions: { ...none, priorities: ["urgent"] },
    targets: { urgent: targets(30, 60, 240), high: targets(60, 120, 480), normal: targets(60, 120, 480), low: targets(60, 120, 480) },
    breachAction: "reassign_team",
  });
  await savePolicy(db, admin, {
    name: "Infrastructure",
    calendarId: always.id,
    conditions: { ...none, teamIds: [workspace.teams.infra] },
    targets: { urgent: targets(30, 60, 240), high: targets(60, 120, 720), normal: targets(120, 240, 1440), low: targets(240, 480, 2880) },
    breachAction: "raise_priority",
  });
  await savePolicy(db, admin, {
    name: "Standard",
    calendarId: office.id,
    conditions: none,
    targets: { urgent: targets(60, 120, 480), high: targets(120, 240, 960), normal: targets(240, 480, 2400), low: targets(480, 960, 4800) },
    breachAction: "raise_priority",
  });
}

/**
 * Once the history is in, its tickets already show the SLA states: solved ones carry met and met-late results,
 * pending and on-hold ones are paused, and open ones from past days are breached (the running app's sweep warns,
 * breaches and escalates them within seconds of starting). Priya writes again on her urgent ticket, which starts a
 * next-response clock due within the hour. It happens after the last event so far, keeping the trail in time order.
 */
export async function finishSlaDemo(setup: DemoSetupWithTickets): Promise<void> {
  const { db, ctxOf, actors, appUrl } = setup;
  const ticket = await db
    .selectFrom("tickets")
    .select(["id", "status", "first_response_at"])
    .where("requester_id", "=", actors.priya.id)
    .where("subject", "=", "Site very slow since last night")
    .executeTakeFirst();
  if (!ticket || ticket.status !== "open" || ticket.first_response_at === null) return;
  await addMessage(
    db,
    ctxOf("priya", (await lastEventAt(db)) + 1000),
    { ticketId: ticket.id, body: "It is slow again since a few minutes ago: pages take about ten seconds. Same scraper?", kind: "reply" },
    appUrl,
  );
}

async function lastEventAt(db: DemoSetup["db"]): Promise<number> {
  const row = await db.selectFrom("audit_events").select("created_at").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
  return Number(row.created_at);
}
