import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAdmin, makeAgent, makeCustomer } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";

/** Everything a table holds, to prove that a refused call changed nothing. */
async function snapshot(db: DB) {
  return {
    tickets: await db.selectFrom("tickets").selectAll().orderBy("id").execute(),
    messages: await countRows(db, "ticket_messages"),
    audit: await countRows(db, "audit_events"),
    users: await db.selectFrom("users").select(["id", "role", "disabled"]).orderBy("id").execute(),
  };
}

describeEachDialect("outsiders get NOT_FOUND and change nothing", (use) => {
  let owner: Actor, stranger: Actor, agent: Actor, admin: Actor;
  let ticketId: number;

  beforeAll(async () => {
    const db = use();
    [owner, stranger, agent, admin] = await Promise.all([makeCustomer(db), makeCustomer(db), makeAgent(db), makeAdmin(db)]);
    ticketId = (
      await apiAs(db, owner).tickets.create({ subject: "My private ticket", description: "Only I and the support team may read this." })
    ).id;
  });

  it("another customer cannot read, reply to or change the ticket", async () => {
    const db = use();
    const before = await snapshot(db);
    const api = apiAs(db, stranger);
    expect(await errorCode(api.tickets.get({ id: ticketId }))).toBe("NOT_FOUND");
    expect(await errorCode(api.tickets.reply({ ticketId, body: "Let me in" }))).toBe("NOT_FOUND");
    expect(await errorCode(api.inbox.update({ ticketId, status: "solved" }))).toBe("NOT_FOUND");
    expect(await errorCode(api.inbox.list({}))).toBe("NOT_FOUND");
    expect((await api.tickets.mine({})).items).toEqual([]);
    expect(await snapshot(db)).toEqual(before);
  });

  it("another customer cannot follow the ticket's changes, see who is on it, or take back its files", async () => {
    const db = use();
    const before = await snapshot(db);
    const api = apiAs(db, stranger);
    expect(await errorCode(api.tickets.version({ id: ticketId }))).toBe("NOT_FOUND");
    expect(await errorCode(api.tickets.changes({ id: ticketId, after: 0 }))).toBe("NOT_FOUND");
    expect(await errorCode(api.presence.beat({ ticketId }))).toBe("NOT_FOUND");
    expect(await errorCode(api.presence.leave({ ticketId }))).toBe("NOT_FOUND");
    expect(await errorCode(api.macros.list())).toBe("NOT_FOUND");
    expect(await errorCode(api.attachments.discard({ id: 1 }))).toBe("NOT_FOUND");
    expect(await errorCode(api.tickets.reply({ ticketId, body: "x", seenVersion: 0 }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).tickets.version({ id: ticketId }))).toBe("UNAUTHORIZED");
    expect(await snapshot(db)).toEqual(before);
  });

  it("a ticket that does not exist looks the same as someone else's", async () => {
    const db = use();
    expect(await errorCode(apiAs(db, stranger).tickets.get({ id: 999_999 }))).toBe("NOT_FOUND");
  });

  it("anonymous callers are told to sign in, and change nothing", async () => {
    const db = use();
    const before = await snapshot(db);
    const api = apiAs(db, null);
    expect(await errorCode(api.tickets.create({ subject: "Anonymous", description: "Should not be stored at all" }))).toBe("UNAUTHORIZED");
    expect(await errorCode(api.tickets.get({ id: ticketId }))).toBe("UNAUTHORIZED");
    expect(await errorCode(api.tickets.reply({ ticketId, body: "hi" }))).toBe("UNAUTHORIZED");
    expect(await errorCode(api.account.setLocale({ locale: "ru" }))).toBe("UNAUTHORIZED");
    expect(await snapshot(db)).toEqual(before);
  });

  it("agents and customers cannot use the admin procedures", async () => {
    const db = use();
    const before = await snapshot(db);
    for (const actor of [agent, owner]) {
      const api = apiAs(db, actor);
      expect(await errorCode(api.admin.users({}))).toBe("NOT_FOUND");
      expect(await errorCode(api.admin.setRole({ userId: actor.id, role: "admin" }))).toBe("NOT_FOUND");
      expect(await errorCode(api.admin.setDisabled({ userId: admin.id, disabled: true }))).toBe("NOT_FOUND");
      expect(await errorCode(api.admin.invite({ email: "x@example.test", name: "X", role: "admin" }))).toBe("NOT_FOUND");
      expect(await errorCode(api.admin.audit({}))).toBe("NOT_FOUND");
      expect(await errorCode(api.admin.outbox({}))).toBe("NOT_FOUND");
    }
    expect(await snapshot(db)).toEqual(before);
  });
});

describeEachDialect("bad input gets a clear message and changes nothing", (use) => {
  let customer: Actor;
  beforeAll(async () => {
    customer = await makeCustomer(use());
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ["an empty subject", { subject: "", description: "A long enough description" }, "subject"],
    ["a subject over 200 characters", { subject: "x".repeat(201), description: "A long enough description" }, "subject"],
    ["a body over 50,000 characters", { subject: "Big", description: "y".repeat(50_001) }, "description"],
    ["a malformed URL", { subject: "Bad url", description: "A long enough description", pageUrl: "javascript:alert(1)" }, "pageUrl"],
    ["an unknown priority", { subject: "Prio", description: "A long enough description", priority: "critical" }, "priority"],
    ["a subject of the wrong type", { subject: 42, description: "A long enough description" }, "subject"],
  ];

  for (const [what, input, field] of cases) {
    it(`refuses ${what} with a field error`, async () => {
      const db = use();
      const before = await countRows(db, "tickets");
      const err = await apiAs(db, customer)
        .tickets.create(input as never)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "BAD_REQUEST" });
      const fieldErrors = (err as { cause?: { issues?: { path: (string | number)[] }[] } }).cause?.issues?.map((i) => i.path.join("."));
      expect(fieldErrors).toContain(field);
      expect(await countRows(db, "tickets")).toBe(before);
    });
  }

  it("stores HTML and script as plain text, unchanged, in every field", async () => {
    const db = use();
    const now = Date.UTC(2026, 10, 27, 12, 0, 0);
    // Every text field the form sends, each with markup a sanitizer or an escaper would have changed.
    const input = {
      subject: `<script>alert("x")</script> <img src=x onerror=alert(1)>`,
      description: "<b>bold?</b> and <a href='javascript:1'>link</a> &amp; &lt;kept&gt;",
      steps: "1. <iframe src=\"https://evil.test\"></iframe>\n2. {{constructor.constructor('alert(1)')()}}",
      expected: "<svg onload=alert(1)> stays text",
      actual: "</textarea><style>body{display:none}</style> `${1+1}`",
      pageUrl: "https://example.test/search?q=<script>alert('x')</script>&x=\"y\"",
      priority: "high" as const,
    };
    const { id } = await apiAs(db, customer, () => now).tickets.create(input);

    const row = await db.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    // Every column of the row: those listed hold exactly these values, any other (added later) is empty.
    const unlisted = Object.fromEntries(Object.keys(row).map((column) => [column, null]));
    expect(row).toEqual({
      ...unlisted,
      id,
      requester_id: customer.id,
      assignee_id: null,
      subject: input.subject,
      description: input.description,
      steps: input.steps,
      expected: input.expected,
      actual: input.actual,
      page_url: input.pageUrl,
      priority: "high",
      status: "new",
      is_open: 1,
      created_at: now,
      updated_at: now,
      first_response_at: null,
      solved_at: null,
      // The inbox's sort key, generated from the priority (0 urgent … 3 low), where the column exists.
      ...("priority_order" in row ? { priority_order: 1 } : {}),
      // SLA columns (migration 0017): not paused, and no running clock (its due-order key sorts last).
      ...("sla_due_order" in row ? { sla_paused: 0, sla_due_order: 9_000_000_000_000_000 } : {}),
    });
    // And the API hands the same text back, for the page to escape when it renders it.
    const t = await apiAs(db, customer).tickets.get({ id });
    expect(t).toMatchObject({
      subject: input.subject,
      description: input.description,
      steps: input.steps,
      expected: input.expected,
      actual: input.actual,
      pageUrl: input.pageUrl,
      priority: "high",
      status: "new",
      createdAt: now,
      updatedAt: now,
      messages: [],
    });
  });
});
