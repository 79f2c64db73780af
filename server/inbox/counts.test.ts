import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { OPEN_STATUSES, TICKET_STATUSES } from "@/lib/tickets";
import { readCounters, readViewCounts, recountCounters, rebuildCounters } from "./counts";
import { transact } from "../db/transact";

/** The sidebar counts recounted from tickets with plain WHERE clauses, for comparison. */
async function recountViews(db: DB, actor: Actor) {
  const teams = (await db.selectFrom("team_members").select("team_id").where("user_id", "=", actor.id).execute()).map((r) => r.team_id);
  const count = async (f: (q: ReturnType<typeof base>) => ReturnType<typeof base>) =>
    Number(
      (
        await f(base())
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const base = () => db.selectFrom("tickets");
  const open = [...OPEN_STATUSES];
  return {
    mine: await count((q) => q.where("assignee_id", "=", actor.id).where("status", "in", open)),
    unassigned: await count((q) => q.where("assignee_id", "is", null).where("status", "in", open)),
    team: teams.length ? await count((q) => q.where("team_id", "in", teams).where("status", "in", open)) : 0,
    open: await count((q) => q.where("status", "in", open)),
    pending: await count((q) => q.where("status", "=", "pending")),
    on_hold: await count((q) => q.where("status", "=", "on_hold")),
    solved: await count((q) => q.where("status", "=", "solved")),
  };
}

describeEachDialect("inbox counters", (use) => {
  let customer: Actor, other: Actor, agent: Actor, lead: Actor;
  let teamA: number, teamB: number;

  async function expectExact(step: string) {
    const db = use();
    expect(await readCounters(db), `counters after: ${step}`).toEqual(await recountCounters(db));
    for (const who of [agent, lead])
      expect(await readViewCounts(db, who), `${who.role}'s views after: ${step}`).toEqual(await recountViews(db, who));
  }

  beforeAll(async () => {
    const db = use();
    [customer, other, agent, lead] = await Promise.all([makeCustomer(db), makeCustomer(db), makeAgent(db), makeLead(db)]);
    teamA = (await apiAs(db, lead).workspace.saveTeam({ name: "Billing", leadId: lead.id, memberIds: [agent.id] })).id;
    teamB = (await apiAs(db, lead).workspace.saveTeam({ name: "Platform", memberIds: [lead.id] })).id;
  });

  it("equal a recount after every kind of change to tickets", async () => {
    const db = use();
    await expectExact("nothing");
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const by = i % 3 === 0 ? other : customer;
      ids.push(
        (
          await apiAs(db, by).tickets.create({
            subject: `Ticket ${i}`,
            description: "Something does not work as it should.",
            priority: "normal",
          })
        ).id,
      );
    }
    await expectExact("tickets created");

    // Every status, from every status, through the agent's API.
    for (const [i, status] of TICKET_STATUSES.filter((s) => s !== "closed").entries()) {
      await apiAs(db, agent).inbox.update({ ticketId: ids[i], status });
    }
    await expectExact("statuses changed");

    await apiAs(db, agent).inbox.update({ ticketId: ids[0], assigneeId: agent.id });
    await apiAs(db, agent).inbox.update({ ticketId: ids[1], assigneeId: lead.id, teamId: teamA });
    await apiAs(db, lead).inbox.update({ ticketId: ids[2], assigneeId: agent.id, teamId: teamB, status: "on_hold" });
    await apiAs(db, lead).inbox.update({ ticketId: ids[1], assigneeId: null });
    await apiAs(db, lead).inbox.update({ ticketId: ids[3], teamId: teamA, priority: "urgent" });
    await apiAs(db, lead).inbox.update({ ticketId: ids[3], teamId: null });
    await expectExact("assignees and teams changed");

    // Messages: an agent's first reply opens a new ticket; a customer's reply reopens a pending one.
    await apiAs(db, agent).tickets.reply({ ticketId: ids[6], body: "Looking into it now.", kind: "reply" });
    await apiAs(db, agent).inbox.update({ ticketId: ids[7], status: "pending" });
    await apiAs(db, customer).tickets.reply({ ticketId: ids[7], body: "Here is the screenshot you asked for.", kind: "reply" });
    await apiAs(db, agent).tickets.reply({ ticketId: ids[8], body: "Internal: probably the CDN.", kind: "note" });
    await expectExact("messages added");

    // Bulk actions, including tickets that refuse (closed) beside ones that change.
    await apiAs(db, agent).inbox.update({ ticketId: ids[9], status: "closed" });
    const results = await apiAs(db, agent).inbox.bulk({
      ticketIds: [ids[9], ids[10], ids[11]],
      status: "solved",
      assigneeId: agent.id,
      teamId: teamA,
      addTags: ["billing"],
    });
    expect(results.map((r) => r.ok)).toEqual([false, true, true]);
    await expectExact("bulk change");

    // Writers outside the ticket rules: a retention delete, a direct update, an import.
    await db.deleteFrom("ticket_tags").where("ticket_id", "=", ids[9]).execute();
    await db.deleteFrom("tickets").where("id", "=", ids[9]).execute();
    await db.updateTable("tickets").set({ status: "solved", is_open: 0, team_id: teamB }).where("id", "in", [ids[4], ids[5]]).execute();
    const now = Date.now();
    await db
      .insertInto("tickets")
      .values(
        [1, 2, 3].map((n) => ({
          requester_id: other.id,
          assignee_id: n === 1 ? null : agent.id,
          team_id: n === 3 ? teamA : null,
          subject: `Imported ${n}`,
          description: "Imported from the old desk.",
          steps: "",
          expected: "",
          actual: "",
          page_url: "",
          priority: "high" as const,
          status: n === 2 ? ("pending" as const) : ("open" as const),
          is_open: 1,
          created_at: now,
          updated_at: now,
          first_response_at: null,
          solved_at: null,
        })),
      )
      .execute();
    await expectExact("other writers");
  });

  it("are rebuilt from the tickets after being damaged", async () => {
    const db = use();
    await db.updateTable("inbox_counts").set({ n: 999 }).execute();
    expect(await readCounters(db)).not.toEqual(await recountCounters(db));
    await transact(db, (trx) => rebuildCounters(trx));
    await expectExact("rebuild");
  });
});
