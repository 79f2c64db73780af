import "server-only";
import type { Locale, Role, TicketPriority, TicketStatus } from "../db/schema";

/** Short handles the data files use for the people in the demo. */
export type StaffKey = "alexei" | "irina" | "sam" | "pavel";
export type CustomerKey = "dana" | "tom" | "priya" | "marcus" | "olga" | "dmitry" | "natalia" | "artyom";
export type PersonKey = StaffKey | CustomerKey;

export interface SeedPerson {
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  password: string;
  /** Where their requests come from: the documentation address ranges, never a real network. */
  ip: string;
  userAgent: string;
  /** When the account was made, in days before the seed's "now". */
  joinedDaysAgo: number;
}

/**
 * One thing that happens on a ticket, `after` minutes after the previous one (the first: after the
 * ticket was filed). `say` is a public reply, `note` an internal note, `set` a change by staff.
 */
export type SeedStep =
  | { after: number; by: PersonKey; say: string }
  | { after: number; by: StaffKey; note: string }
  | { after: number; by: StaffKey; set: { status?: TicketStatus; priority?: TicketPriority } };

export interface SeedTicket {
  from: CustomerKey;
  /** When it was filed, in days before "now". */
  daysAgo: number;
  subject: string;
  description: string;
  steps?: string;
  expected?: string;
  actual?: string;
  pageUrl?: string;
  /** The priority it was filed with. */
  priority: TicketPriority;
  /** Where it ends up; the seed makes the last change itself when the thread does not. */
  status: TicketStatus;
  /** Who the lead hands it to, shortly after it arrives. Left out: nobody has taken it yet. */
  assignee?: StaffKey;
  thread: SeedStep[];
}

/** What a demo area's seed step gets: the database, the people, the workspace and a context for anyone at any time. */
export interface DemoSetup {
  db: import("../db").DB;
  now: number;
  actors: Record<PersonKey, import("../context").Actor>;
  workspace: import("./demo-workspace").DemoWorkspace;
  ctxOf: (key: PersonKey, at: number) => import("../context").RequestCtx;
  /** Base of links in queued emails. */
  appUrl: string;
}

/** After the tickets are replayed: their ids in the order of SEED_TICKETS. */
export interface DemoSetupWithTickets extends DemoSetup {
  ticketIds: readonly number[];
}
