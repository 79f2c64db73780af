import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAgent, makeCustomer, makeUser } from "@/tests/factories";
import type { Actor } from "../context";
import { matchMentions, mentionHandles } from "./mentions";

describe("@mentions", () => {
  const staff = [
    { id: 1, name: "Anna Petrova", email: "anna.p@mayak.test" },
    { id: 2, name: "Anna Smirnova", email: "asmirnova@mayak.test" },
    { id: 3, name: "Boris Ivanov", email: "boris@mayak.test" },
  ];
  it("reads handles, not addresses or text around them", () => {
    expect(mentionHandles("Ask @Boris, then @anna.petrova. Mail x@y.test")).toEqual(["boris", "annapetrova"]);
    expect(mentionHandles("no mention here")).toEqual([]);
  });
  it("matches full names, addresses and unique first names", () => {
    expect(matchMentions(["annapetrova"], staff)).toEqual([1]);
    expect(matchMentions(["asmirnova"], staff)).toEqual([2]);
    expect(matchMentions(["boris"], staff)).toEqual([3]);
    // Two Annas: a first name alone names nobody.
    expect(matchMentions(["anna"], staff)).toEqual([]);
  });
});

describeEachDialect("notifications from ticket events", (use) => {
  let customer: Actor, agent: Actor, boris: Actor, other: Actor;
  let ticketId: number;
  const kindsOf = async (who: Actor) => (await apiAs(use(), who).deskFlow.notifications({})).items.map((n) => `${n.kind}:${n.ticketId}`);

  beforeAll(async () => {
    const db = use();
    customer = await makeCustomer(db);
    agent = await makeAgent(db);
    other = await makeAgent(db);
    boris = await makeUser(db, "agent", { name: "Boris Mentionable" });
    ticketId = (await apiAs(db, customer).tickets.create({ subject: "Login loop", description: "I am sent back to sign in." })).id;
  });

  it("tells the new assignee when someone else assigns them, not when they take it themselves", async () => {
    await apiAs(use(), other).inbox.update({ ticketId, assigneeId: agent.id });
    expect(await kindsOf(agent)).toEqual([`assigned:${ticketId}`]);
    await apiAs(use(), other).inbox.update({ ticketId, assigneeId: other.id });
    expect(await kindsOf(other)).toEqual([]);
    await apiAs(use(), other).inbox.update({ ticketId, assigneeId: agent.id });
  });

  it("tells the assignee when the requester replies, not when staff do", async () => {
    await apiAs(use(), other).tickets.reply({ ticketId, body: "We are looking into it." });
    expect((await kindsOf(agent)).filter((k) => k.startsWith("customer_replied"))).toEqual([]);
    await apiAs(use(), customer).tickets.reply({ ticketId, body: "Still happening." });
    expect((await kindsOf(agent)).filter((k) => k.startsWith("customer_replied"))).toEqual([`customer_replied:${ticketId}`]);
  });

  it("tells staff mentioned with @name in a note, and nobody for a public reply", async () => {
    await apiAs(use(), agent).tickets.reply({ ticketId, body: "@BorisMentionable can you look?", kind: "reply" });
    expect(await kindsOf(boris)).toEqual([]);
    await apiAs(use(), agent).tickets.reply({ ticketId, body: "@BorisMentionable can you look at the logs?", kind: "note" });
    const n = (await apiAs(use(), boris).deskFlow.notifications({})).items;
    expect(n.map((x) => x.kind)).toEqual(["mentioned"]);
    expect(n[0].vars).toMatchObject({ actor: agent.name, subject: "Login loop", id: ticketId });
  });
});
