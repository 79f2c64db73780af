import "server-only";
import type { DB } from "../db";
import type { TicketStatus } from "../db/schema";
import type { Actor, RequestCtx } from "../context";
import { appUrl as configuredAppUrl } from "../env";
import { AppError } from "../errors";
import { createSignedUpCustomer, createUser } from "../users/sign-up";
import { createTicket } from "../tickets/create-ticket";
import { addMessage } from "../tickets/add-message";
import { updateTicket } from "../tickets/update-ticket";
import { setTwoFactorPolicy } from "../two-factor/policy";
import { DEMO_ACCOUNTS, PEOPLE, STAFF } from "./people";
import { TICKETS_EN_ACTIVE } from "./tickets-en-active";
import { createDemoViews, createDemoWorkspace, triageDemoTicket } from "./demo-workspace";
import { TICKETS_EN_RESOLVED } from "./tickets-en-resolved";
import { TICKETS_RU_ACTIVE } from "./tickets-ru-active";
import { TICKETS_RU_RESOLVED } from "./tickets-ru-resolved";
import type { DemoSetup, PersonKey, SeedStep, SeedTicket, StaffKey } from "./types";
import { finishDeskFlowDemo, seedDeskFlowDemo } from "./demo-desk-flow";
import { finishSlaDemo, seedSlaDemo } from "./demo-sla";
import { finishTicketLifeDemo, seedTicketLifeDemo } from "./demo-ticket-life";

export { DEMO_ACCOUNTS } from "./people";

export const SEED_TICKETS: readonly SeedTicket[] = [
  ...TICKETS_EN_ACTIVE,
  ...TICKETS_EN_RESOLVED,
  ...TICKETS_RU_ACTIVE,
  ...TICKETS_RU_RESOLVED,
];

export interface SeedDemoOptions {
  /** The moment the demo ends at: every ticket happened in the three weeks before it. */
  now?: number;
  log?: (line: string) => void;
  /** Base of the ticket links in the queued emails; the configured app URL when left out. */
  appUrl?: string;
}

export interface SeedDemoResult {
  seeded: boolean;
  accounts: { role: string; email: string; password: string }[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The lead triages a new ticket this soon after it arrives (or halfway to the first answer). */
const TRIAGE_MINUTES = 15;
/** How long a solved ticket stays solved before it is closed. */
const CLOSE_AFTER = 3 * DAY;
/** Nothing in the demo happens later than this before "now". */
const LATEST = 5 * MINUTE;

type Action =
  | { kind: "create" }
  | { kind: "assign"; by: StaffKey; to: StaffKey }
  | { kind: "triage" }
  | { kind: "step"; step: SeedStep }
  | { kind: "status"; by: StaffKey; status: TicketStatus };

interface PlannedAction {
  at: number;
  ticket: number;
  seq: number;
  action: Action;
}

/**
 * Fills an empty database with a believable support desk: staff and customers, and some forty tickets
 * in every status and priority, written through the same domain functions as the app, so the audit
 * trail and the email outbox look like those of a desk in use. Does nothing once any user exists.
 */
export async function seedDemo(db: DB, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const accounts = DEMO_ACCOUNTS.map((a) => ({ ...a }));
  const log = opts.log ?? (() => {});
  const existing = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (existing) return { seeded: false, accounts };

  const started = Date.now();
  const now = opts.now ?? Date.now();
  const link = opts.appUrl ?? configuredAppUrl();

  const actors = await createPeople(db, now);
  // Another process seeded the same empty database a moment earlier.
  if (!actors) return { seeded: false, accounts };
  log(`Demo seed: ${Object.keys(actors).length} accounts created`);
  // The demo accounts sign in with their printed passwords alone: no role is required to use a second factor
  // (in production the default would ask it of staff). Admins change it at /admin/security.
  const joined = now - Math.min(...Object.values(PEOPLE).map((p) => p.joinedDaysAgo)) * DAY;
  await setTwoFactorPolicy(db, { actor: null, ip: "system", userAgent: "cli", now: () => joined }, { roles: [] }, []);

  // Every ticket's story is laid out on one timeline and replayed in order, so the ids and the audit
  // trail run forward in time the way they would on a real desk.
  const plan = SEED_TICKETS.flatMap((t, i) => planTicket(t, i, now)).sort((a, b) => a.at - b.at || a.ticket - b.ticket || a.seq - b.seq);
  const ticketIds: number[] = [];
  const ctxOf = (key: PersonKey, at: number): RequestCtx => ({
    actor: actors[key],
    ip: PEOPLE[key].ip,
    userAgent: PEOPLE[key].userAgent,
    now: () => at,
  });

  // The admin sets up teams, categories and tags an hour before the first ticket arrives.
  const workspace = await createDemoWorkspace(db, ctxOf("alexei", plan[0].at - 60 * MINUTE), actors);
  const setup: DemoSetup = { db, now, actors, workspace, ctxOf, appUrl: link };
  await seedDeskFlowDemo(setup);
  await seedSlaDemo(setup);
  await seedTicketLifeDemo(setup);
  let messages = 0;
  for (const { at, ticket, action } of plan) {
    const t = SEED_TICKETS[ticket];
    const ticketId = ticketIds[ticket];
    if (action.kind === "create") {
      const { id } = await createTicket(db, ctxOf(t.from, at), {
        subject: t.subject,
        description: t.description,
        steps: t.steps,
        expected: t.expected,
        actual: t.actual,
        pageUrl: t.pageUrl,
        priority: t.priority,
      });
      ticketIds[ticket] = id;
    } else if (action.kind === "triage") {
      await triageDemoTicket(db, ctxOf("irina", at), workspace, t, ticketId);
    } else if (action.kind === "assign") {
      await updateTicket(db, ctxOf(action.by, at), { ticketId, assigneeId: actors[action.to].id });
    } else if (action.kind === "status") {
      await updateTicket(db, ctxOf(action.by, at), { ticketId, status: action.status });
    } else if ("set" in action.step) {
      await updateTicket(db, ctxOf(action.step.by, at), { ticketId, ...action.step.set });
    } else {
      const step = action.step;
      const kind = "note" in step ? "note" : "reply";
      await addMessage(db, ctxOf(step.by, at), { ticketId, body: "note" in step ? step.note : step.say, kind }, link);
      messages++;
    }
  }
  await createDemoViews(db, (key) => ctxOf(key, now - LATEST), workspace);
  await finishDeskFlowDemo({ ...setup, ticketIds });
  await finishSlaDemo({ ...setup, ticketIds });
  await finishTicketLifeDemo({ ...setup, ticketIds });
  log(
    `Demo seed: ${SEED_TICKETS.length} tickets, ${messages} messages, teams, categories, tags and saved views (${Date.now() - started} ms)`,
  );
  return { seeded: true, accounts };
}

/**
 * Staff first, oldest account first: the first admin comes from the command line, the admin adds the
 * rest of the team, customers sign themselves up. Returns null when the first account already exists.
 */
async function createPeople(db: DB, now: number): Promise<Record<PersonKey, Actor> | null> {
  const keys = (Object.keys(PEOPLE) as PersonKey[]).sort((a, b) => PEOPLE[b].joinedDaysAgo - PEOPLE[a].joinedDaysAgo);
  const actors = {} as Record<PersonKey, Actor>;
  for (const key of keys) {
    const p = PEOPLE[key];
    const at = now - p.joinedDaysAgo * DAY;
    const input = { email: p.email, name: p.name, password: p.password, locale: p.locale };
    let id: number;
    if (p.role === "customer") {
      ({ id } = await createSignedUpCustomer(db, { actor: null, ip: p.ip, userAgent: p.userAgent, now: () => at }, input));
    } else if (actors.alexei) {
      const admin = STAFF.alexei;
      ({ id } = await createUser(
        db,
        { actor: actors.alexei, ip: admin.ip, userAgent: admin.userAgent, now: () => at },
        { ...input, role: p.role },
      ));
    } else {
      try {
        ({ id } = await createUser(db, { actor: null, ip: "system", userAgent: "cli", now: () => at }, { ...input, role: p.role }));
      } catch (err) {
        if (err instanceof AppError && err.code === "EMAIL_TAKEN") return null;
        throw err;
      }
    }
    actors[key] = { id, role: p.role, email: p.email, name: p.name, locale: p.locale };
  }
  return actors;
}

/** One ticket's story as timed actions: filed, triaged, the conversation, then its final status. */
function planTicket(t: SeedTicket, ticket: number, now: number): PlannedAction[] {
  const created = now - Math.round(t.daysAgo * DAY);
  const out: PlannedAction[] = [];
  const push = (at: number, action: Action) => out.push({ at, ticket, seq: out.length, action });

  push(created, { kind: "create" });
  const triage = Math.min(TRIAGE_MINUTES, (t.thread[0]?.after ?? 2 * TRIAGE_MINUTES) / 2);
  push(created + triage * MINUTE, { kind: "triage" });
  if (t.assignee) push(created + triage * MINUTE, { kind: "assign", by: "irina", to: t.assignee });

  // Follow the status the way add-message and update-ticket move it, to know what is left to change.
  let at = created;
  let status: TicketStatus = "new";
  for (const step of t.thread) {
    at += step.after * MINUTE;
    if ("set" in step) status = step.set.status ?? status;
    else if ("say" in step) {
      // Staff answering a new ticket opens it; a customer writing on any later status reopens it.
      const byStaff = PEOPLE[step.by].role !== "customer";
      if (byStaff ? status === "new" : status !== "new") status = "open";
    }
    push(at, { kind: "step", step });
  }
  if (t.status === "new" && status !== "new") throw new Error(`Seed ticket "${t.subject}" was answered but should be new`);

  const by = t.assignee ?? "irina";
  if (status !== t.status) {
    at += 25 * MINUTE;
    if (t.status === "closed" && status !== "solved") {
      push(at, { kind: "status", by, status: "solved" });
      at += CLOSE_AFTER;
    }
    push(at, { kind: "status", by, status: t.status });
  }

  // A story that would run past "now" is moved back as a whole.
  const shift = Math.min(0, now - LATEST - Math.max(...out.map((a) => a.at)));
  return out.map((a) => ({ ...a, at: a.at + shift }));
}
