import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import { makeComponents, makeTicket, statusSnapshot } from "./testing";

type Api = ReturnType<typeof apiAs>;

describeEachDialect("status outsiders get NOT_FOUND and change nothing", (use) => {
  let lead: Actor, agent: Actor, customer: Actor;
  let component: number, group: number, incident: number, maintenance: number, ticket: number;

  beforeAll(async () => {
    const db = use();
    [lead, agent, customer] = await Promise.all([makeLead(db), makeAgent(db), makeCustomer(db)]);
    const api = apiAs(db, lead);
    [component] = await makeComponents(db, lead, ["outsider-api"]);
    group = (await api.status.components.createGroup({ nameEn: "G", nameRu: "Г" })).id;
    incident = (
      await api.status.incidents.open({
        title: "Outsider test",
        impact: "minor",
        components: [{ componentId: component, status: "degraded" }],
        body: "b",
      })
    ).id;
    maintenance = (
      await api.status.maintenance.schedule({
        title: "Window",
        startsAt: Date.now() + 3_600_000,
        endsAt: Date.now() + 7_200_000,
        componentIds: [component],
      })
    ).id;
    ticket = await makeTicket(db, customer.id, Date.now(), "Customer ticket");
  });

  const componentCalls = (api: Api) => [
    api.status.components.createGroup({ nameEn: "X", nameRu: "X" }),
    api.status.components.updateGroup({ id: group, nameEn: "X", nameRu: "X" }),
    api.status.components.deleteGroup({ id: group }),
    api.status.components.reorderGroups({ ids: [group] }),
    api.status.components.create({ slug: "sneaky", nameEn: "X", nameRu: "X" }),
    api.status.components.update({ id: component, slug: "sneaky", nameEn: "X", nameRu: "X" }),
    api.status.components.delete({ id: component }),
    api.status.components.reorder({ ids: [component] }),
    api.status.components.setStatus({ id: component, status: "major_outage" }),
    api.status.maintenance.list(),
    api.status.maintenance.schedule({ title: "Sneaky", startsAt: Date.now(), endsAt: Date.now() + 1000 }),
    api.status.maintenance.edit({ id: maintenance, title: "Sneaky", startsAt: Date.now(), endsAt: Date.now() + 1000 }),
    api.status.maintenance.cancel({ id: maintenance }),
  ];
  const incidentCalls = (api: Api) => [
    api.status.components.list(),
    api.status.incidents.list(),
    api.status.incidents.get({ id: incident }),
    api.status.incidents.suggestTickets({ id: incident }),
    api.status.incidents.open({ title: "Sneaky", impact: "minor", body: "b" }),
    api.status.incidents.postUpdate({ incidentId: incident, status: "identified", body: "b", notifyLinkedTickets: true }),
    api.status.incidents.resolve({ incidentId: incident, body: "b", solveLinkedTickets: true }),
    api.status.incidents.merge({ sourceId: incident, targetId: incident + 1 }),
    api.status.incidents.savePostmortem({ incidentId: incident, body: "x" }),
    api.status.incidents.publishPostmortem({ id: incident, published: true }),
    api.status.incidents.linkTicket({ incidentId: incident, ticketId: ticket }),
    api.status.incidents.unlinkTicket({ incidentId: incident, ticketId: ticket }),
  ];

  it("a customer can call none of the procedures", async () => {
    const db = use();
    const before = await statusSnapshot(db);
    const api = apiAs(db, customer);
    for (const call of [...componentCalls(api), ...incidentCalls(api)]) expect(await errorCode(call)).toBe("NOT_FOUND");
    expect(await statusSnapshot(db)).toEqual(before);
  });

  it("an agent manages incidents but not components, groups or maintenance", async () => {
    const db = use();
    const before = await statusSnapshot(db);
    const api = apiAs(db, agent);
    for (const call of componentCalls(api)) expect(await errorCode(call)).toBe("NOT_FOUND");
    expect(await statusSnapshot(db)).toEqual(before);
    expect((await api.status.incidents.get({ id: incident })).id).toBe(incident);
  });

  it("anonymous callers are told to sign in", async () => {
    const db = use();
    const before = await statusSnapshot(db);
    const api = apiAs(db, null);
    for (const call of [...componentCalls(api), ...incidentCalls(api)]) expect(await errorCode(call)).toBe("UNAUTHORIZED");
    expect(await statusSnapshot(db)).toEqual(before);
  });

  it("an incident that does not exist is NOT_FOUND for staff too", async () => {
    const api = apiAs(use(), lead);
    expect(await errorCode(api.status.incidents.get({ id: 99_999 }))).toBe("NOT_FOUND");
    expect(await errorCode(api.status.incidents.merge({ sourceId: incident, targetId: 99_999 }))).toBe("NOT_FOUND");
    expect(await errorCode(api.status.incidents.savePostmortem({ incidentId: 99_999, body: "x" }))).toBe("NOT_FOUND");
  });
});
