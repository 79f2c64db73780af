import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAdmin, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor, RequestCtx } from "../context";
import type { DB } from "../db";
import { createTicket } from "../tickets/create-ticket";
import { effectiveCap, nextInTurn } from "./round-robin";

const ctxOf = (actor: Actor): RequestCtx => ({ actor, ip: "127.0.0.1", userAgent: "vitest", now: () => Date.now() });

describe("the round-robin step", () => {
  it("gives each candidate one turn before anyone gets a second, wrapping around", () => {
    const got: number[] = [];
    let last: number | null = null;
    for (let i = 0; i < 9; i++) got.push((last = nextInTurn([3, 7, 9], last))!);
    expect(got).toEqual([3, 7, 9, 3, 7, 9, 3, 7, 9]);
  });
  it("goes on after the last one even when they left the candidates", () => {
    expect(nextInTurn([3, 9], 7)).toBe(9);
    expect(nextInTurn([3, 9], 9)).toBe(3);
    expect(nextInTurn([], 9)).toBeNull();
  });
  it("takes the smaller of the agent's and the team's cap", () => {
    expect(effectiveCap(null, null)).toBeNull();
    expect(effectiveCap(3, null)).toBe(3);
    expect(effectiveCap(null, 5)).toBe(5);
    expect(effectiveCap(8, 5)).toBe(5);
  });
});

describeEachDialect("routing and round-robin", (use, dialect) => {
  let customer: Actor, lead: Actor, admin: Actor, a: Actor, b: Actor, c: Actor, outsider: Actor;
  let team: number, category: number, plain: number;

  const file = (categoryId: number | null = category, who = customer) =>
    createTicket(use(), ctxOf(who), { subject: "Cannot pay", description: "The card form says no.", categoryId }).then((r) => r.id);
  const ticket = (id: number) =>
    use().selectFrom("tickets").select(["team_id", "assignee_id", "category_id"]).where("id", "=", id).executeTakeFirstOrThrow();
  const closeAll = (db: DB) => db.updateTable("tickets").set({ status: "solved", is_open: 0 }).where("team_id", "=", team).execute();

  beforeAll(async () => {
    const db = use();
    [customer, lead, admin, a, b, c, outsider] = await Promise.all([
      makeCustomer(db),
      makeLead(db),
      makeAdmin(db),
      makeAgent(db),
      makeAgent(db),
      makeAgent(db),
      makeAgent(db),
    ]);
    team = (await apiAs(db, lead).workspace.saveTeam({ name: "Billing", leadId: lead.id, memberIds: [a.id, b.id, c.id] })).id;
    // The lead is a member too (leads count as members); they take themselves out of the turn.
    await apiAs(db, lead).deskFlow.setStatus({ away: true });
    category = (await apiAs(db, admin).workspace.saveCategory({ nameEn: "Payments", nameRu: "Оплата", teamId: team })).id;
    plain = (await apiAs(db, admin).workspace.saveCategory({ nameEn: "Other", nameRu: "Другое" })).id;
  });

  it("routes a new ticket to its category's team and assigns members in turn, fairly", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await file());
    const assignees = await Promise.all(ids.map(async (id) => (await ticket(id)).assignee_id));
    const turn = [a.id, b.id, c.id].sort((x, y) => x - y);
    expect(assignees).toEqual([...turn, ...turn]);
    expect((await ticket(ids[0])).team_id).toBe(team);
    const routed = await use()
      .selectFrom("audit_events")
      .select(["actor_id", "after_json"])
      .where("action", "=", "ticket.routed")
      .where("entity_id", "=", String(ids[0]))
      .executeTakeFirstOrThrow();
    expect(routed.actor_id).toBeNull();
    expect(JSON.parse(routed.after_json!)).toEqual({ teamId: team, assigneeId: turn[0] });
    const notes = await apiAs(use(), a).deskFlow.notifications({});
    const first = turn.indexOf(a.id);
    expect(notes.items.filter((n) => n.kind === "assigned").map((n) => n.ticketId)).toEqual([ids[first + 3], ids[first]]);
    await closeAll(use());
  });

  it("leaves tickets of a category without a team, and without a category, unrouted", async () => {
    expect(await ticket(await file(plain))).toMatchObject({ team_id: null, assignee_id: null, category_id: plain });
    expect(await ticket(await file(null))).toMatchObject({ team_id: null, assignee_id: null, category_id: null });
  });

  it("passes over members who are away", async () => {
    await apiAs(use(), b).deskFlow.setStatus({ away: true });
    const got = [];
    for (let i = 0; i < 4; i++) got.push((await ticket(await file())).assignee_id);
    expect(new Set(got)).toEqual(new Set([a.id, c.id]));
    expect(got.filter((x) => x === a.id)).toHaveLength(2);
    await apiAs(use(), b).deskFlow.setStatus({ away: false });
    await closeAll(use());
  });

  it("keeps members under their cap of open tickets, then leaves new tickets with the team", async () => {
    const db = use();
    await apiAs(db, lead).workspace.saveTeam({ id: team, name: "Billing", leadId: lead.id, memberIds: [a.id, b.id, c.id], openCap: 2 });
    await apiAs(db, lead).deskFlow.setStatus({ userId: c.id, openCap: 1 });
    const got = [];
    for (let i = 0; i < 6; i++) got.push((await ticket(await file())).assignee_id);
    // a and b take two each, c one; the sixth waits for the team, unassigned.
    expect(got.filter((x) => x === a.id)).toHaveLength(2);
    expect(got.filter((x) => x === b.id)).toHaveLength(2);
    expect(got.filter((x) => x === c.id)).toHaveLength(1);
    expect(got[5]).toBeNull();
    await apiAs(db, lead).workspace.saveTeam({ id: team, name: "Billing", leadId: lead.id, memberIds: [a.id, b.id, c.id], openCap: null });
    await apiAs(db, lead).deskFlow.setStatus({ userId: c.id, openCap: null });
    await closeAll(db);
  });

  it("assigns nothing when the team does not assign automatically", async () => {
    await apiAs(use(), lead).workspace.saveTeam({
      id: team,
      name: "Billing",
      leadId: lead.id,
      memberIds: [a.id, b.id, c.id],
      autoAssign: false,
    });
    expect(await ticket(await file())).toMatchObject({ team_id: team, assignee_id: null });
    await apiAs(use(), lead).workspace.saveTeam({
      id: team,
      name: "Billing",
      leadId: lead.id,
      memberIds: [a.id, b.id, c.id],
      autoAssign: true,
    });
    await closeAll(use());
  });

  it("never hands the same turn to two tickets created at once", async () => {
    const ids = await Promise.all(Array.from({ length: 9 }, () => file()));
    const got = await Promise.all(ids.map(async (id) => (await ticket(id)).assignee_id));
    for (const who of [a, b, c])
      expect(
        got.filter((x) => x === who.id),
        `${dialect}: ${got.join(",")}`,
      ).toHaveLength(3);
    await closeAll(use());
  });

  it("gives a disabled agent's open tickets back to the team's turn, or unassigns them", async () => {
    const db = use();
    const routed = [await file(), await file(), await file()];
    const loose = await file(null);
    const gone = (await ticket(routed[0])).assignee_id!;
    const goneActor = [a, b, c].find((x) => x.id === gone)!;
    await apiAs(db, lead).inbox.update({ ticketId: loose, assigneeId: gone });
    await apiAs(db, admin).admin.setDisabled({ userId: gone, disabled: true });
    const after = await ticket(routed[0]);
    expect(after.assignee_id).not.toBeNull();
    expect(after.assignee_id).not.toBe(gone);
    expect((await ticket(loose)).assignee_id).toBeNull();
    const actions = (await db.selectFrom("audit_events").select(["action", "entity_id"]).where("actor_id", "=", admin.id).execute()).map(
      (e) => `${e.action}:${e.entity_id}`,
    );
    expect(actions).toContain(`ticket.reassigned:${routed[0]}`);
    expect(actions).toContain(`ticket.released:${loose}`);
    const open = await db.selectFrom("tickets").select("id").where("assignee_id", "=", gone).where("is_open", "=", 1).execute();
    expect(open).toEqual([]);
    await apiAs(db, admin).admin.setDisabled({ userId: goneActor.id, disabled: false });
    await closeAll(db);
  });

  it("takes the category from the customer's form and refuses an archived or unknown one, filing nothing", async () => {
    const db = use();
    const api = apiAs(db, customer);
    const { id } = await api.tickets.create({ subject: "Refund please", description: "I was charged twice.", categoryId: category });
    expect((await ticket(id)).category_id).toBe(category);
    const archived = (await apiAs(db, admin).workspace.saveCategory({ nameEn: "Old", nameRu: "Старое", archived: true })).id;
    const before = await countRows(db, "tickets");
    expect(
      await errorCode(api.tickets.create({ subject: "Refund please", description: "I was charged twice.", categoryId: archived })),
    ).toBe("BAD_REQUEST");
    expect(
      await errorCode(api.tickets.create({ subject: "Refund please", description: "I was charged twice.", categoryId: 999_999 })),
    ).toBe("BAD_REQUEST");
    expect(await countRows(db, "tickets")).toBe(before);
  });

  it("offers the ticket form's categories to anyone, active ones only, by name; leads see everyone's availability", async () => {
    const db = use();
    const names = (await apiAs(db, null).deskFlow.formCategories()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["Payments", "Other"]));
    expect(names).not.toContain("Old");
    const statuses = await apiAs(db, lead).deskFlow.agentStatuses();
    expect(statuses.find((x) => x.userId === lead.id)).toMatchObject({ away: true, openCap: null });
  });

  it("lets nobody but leads change others' availability or caps, and customers reach none of it: NOT_FOUND, nothing changes", async () => {
    const db = use();
    const snapshot = async () => [
      await db.selectFrom("agent_status").selectAll().orderBy("user_id").execute(),
      await db.selectFrom("team_routing").selectAll().execute(),
      await db.selectFrom("category_routing").selectAll().execute(),
      await countRows(db, "audit_events"),
    ];
    const before = await snapshot();
    const cust = apiAs(db, customer);
    expect(await errorCode(cust.deskFlow.myStatus())).toBe("NOT_FOUND");
    expect(await errorCode(cust.deskFlow.setStatus({ away: true }))).toBe("NOT_FOUND");
    expect(await errorCode(cust.workspace.saveTeam({ id: team, name: "Mine", openCap: 1 }))).toBe("NOT_FOUND");
    expect(await errorCode(cust.workspace.saveCategory({ id: category, nameEn: "Mine", nameRu: "Моё", teamId: null }))).toBe("NOT_FOUND");
    expect(await errorCode(cust.workspace.teams())).toBe("NOT_FOUND");
    expect(await errorCode(cust.deskFlow.agentStatuses())).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, outsider).deskFlow.agentStatuses())).toBe("NOT_FOUND");
    const agent = apiAs(db, outsider);
    expect(await errorCode(agent.deskFlow.setStatus({ userId: a.id, away: true }))).toBe("NOT_FOUND");
    expect(await errorCode(agent.deskFlow.setStatus({ openCap: 50 }))).toBe("NOT_FOUND");
    expect(await errorCode(agent.workspace.saveTeam({ id: team, name: "Mine", autoAssign: false }))).toBe("NOT_FOUND");
    expect(await errorCode(agent.workspace.saveCategory({ id: category, nameEn: "Mine", nameRu: "Моё", teamId: null }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, lead).deskFlow.setStatus({ userId: customer.id, away: true }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, lead).deskFlow.setStatus({ userId: a.id, openCap: 0 }))).toBe("BAD_REQUEST");
    expect(await snapshot()).toEqual(before);
  });
});
