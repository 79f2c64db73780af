import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import type { DB } from "../db";
import { verifyPassword } from "../auth/password";
import { verifyAuditChain } from "../audit/verify-chain";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/tickets";
import { STAFF } from "./people";
import { DEMO_ACCOUNTS, SEED_TICKETS, seedDemo } from "./seed-demo";

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

async function counts(db: DB) {
  const count = async (table: "users" | "tickets" | "ticket_messages" | "audit_events" | "outbox_emails") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    users: await count("users"),
    tickets: await count("tickets"),
    messages: await count("ticket_messages"),
    audit: await count("audit_events"),
    emails: await count("outbox_emails"),
  };
}

it("has unique subjects and three to four dozen tickets", () => {
  expect(new Set(SEED_TICKETS.map((t) => t.subject)).size).toBe(SEED_TICKETS.length);
  expect(SEED_TICKETS.length).toBeGreaterThanOrEqual(36);
  expect(SEED_TICKETS.length).toBeLessThanOrEqual(45);
});

describeEachDialect("demo seed", (use) => {
  it("seeds an empty database", async () => {
    const lines: string[] = [];
    const result = await seedDemo(use(), { now: NOW, appUrl: "https://support.example.com", log: (l) => lines.push(l) });
    expect(result).toEqual({ seeded: true, accounts: DEMO_ACCOUNTS });
    expect(lines.length).toBeGreaterThan(0);
  });

  it("has one account per role that signs in with the documented password", async () => {
    const db = use();
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(["admin", "lead", "agent", "customer"]));
    for (const a of DEMO_ACCOUNTS) {
      const user = await db.selectFrom("users").selectAll().where("email", "=", a.email).executeTakeFirstOrThrow();
      expect(user.role).toBe(a.role);
      expect(await verifyPassword(user.password_hash, a.password)).toBe(true);
    }
  });

  it("puts every ticket where its story ends, in every status and priority", async () => {
    const db = use();
    const tickets = await db.selectFrom("tickets").selectAll().execute();
    // …and the duplicate that server/seed/demo-ticket-life.ts files and merges.
    expect(tickets).toHaveLength(SEED_TICKETS.length + 1);
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(TICKET_STATUSES));
    expect(new Set(tickets.map((t) => t.priority))).toEqual(new Set(TICKET_PRIORITIES));
    const staff = await db.selectFrom("users").select(["id", "email"]).where("role", "!=", "customer").execute();
    const staffId = new Map(staff.map((u) => [u.email, u.id]));
    const bySubject = new Map(tickets.map((t) => [t.subject, t]));
    for (const s of SEED_TICKETS) {
      const row = bySubject.get(s.subject);
      expect(row?.status, s.subject).toBe(s.status);
      expect(row?.assignee_id, s.subject).toBe(s.assignee ? staffId.get(STAFF[s.assignee].email) : null);
    }
    expect(tickets.filter((t) => t.assignee_id === null && t.status !== "new").length).toBeGreaterThan(0);
    expect(tickets.some((t) => /[а-яё]/i.test(t.subject))).toBe(true);
  });

  it("spreads the story over the three weeks before now", async () => {
    const db = use();
    const tickets = await db.selectFrom("tickets").select(["created_at", "updated_at"]).execute();
    for (const t of tickets) {
      expect(Number(t.created_at)).toBeGreaterThanOrEqual(NOW - 22 * DAY);
      expect(Number(t.updated_at)).toBeLessThan(NOW);
    }
    const events = await db.selectFrom("audit_events").select("created_at").orderBy("id").execute();
    const times = events.map((e) => Number(e.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("has public replies, internal notes, queued emails and an intact audit trail", async () => {
    const db = use();
    const kinds = await db.selectFrom("ticket_messages").select("kind").execute();
    expect(kinds.some((m) => m.kind === "reply")).toBe(true);
    expect(kinds.some((m) => m.kind === "note")).toBe(true);
    const emails = await db.selectFrom("outbox_emails").select(["body_text"]).execute();
    expect(emails.length).toBeGreaterThan(0);
    // Customers' emails link their ticket (staff notifications link the inbox).
    expect(emails.some((e) => e.body_text.includes("https://support.example.com/tickets/"))).toBe(true);
    const report = await verifyAuditChain(db);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(SEED_TICKETS.length);
  });

  it("does nothing on a second run", async () => {
    const db = use();
    const before = await counts(db);
    const result = await seedDemo(db, { now: NOW + DAY, appUrl: "https://support.example.com" });
    expect(result).toEqual({ seeded: false, accounts: DEMO_ACCOUNTS });
    expect(await counts(db)).toEqual(before);
  });
});
