import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAgent, makeCustomer } from "@/tests/factories";
import type { Actor } from "../context";

/**
 * Staff search reads one document per ticket (migration 0019), kept by triggers whoever writes: the app's
 * procedures, and the plain statements of a merge (messages moved), an erasure (bodies rewritten) and retention
 * (messages, then tickets, deleted).
 */
describeEachDialect("the ticket's search document", (use) => {
  let customer: Actor, agent: Actor;

  beforeAll(async () => {
    customer = await makeCustomer(use());
    agent = await makeAgent(use());
  });

  const found = async (q: string) => (await apiAs(use(), agent).inbox.search({ q })).items.map((h) => h.id);
  const documentOf = async (id: number) =>
    (await use().selectFrom("ticket_search").select("body").where("ticket_id", "=", id).executeTakeFirst())?.body;

  it("holds the subject, the description and every message, and follows every change to them", async () => {
    const db = use();
    const a = (await apiAs(db, customer).tickets.create({ subject: "Webhook retries", description: "Deliveries stop after a timeout." }))
      .id;
    const b = (await apiAs(db, customer).tickets.create({ subject: "Second ticket", description: "Nothing in common." })).id;
    await apiAs(db, agent).tickets.reply({ ticketId: a, body: "Checked the gateway logs: mongoose errors.", kind: "note" });
    await apiAs(db, customer).tickets.reply({ ticketId: a, body: "Still failing with platypus payloads." });
    expect(await documentOf(a)).toContain("Webhook retries Deliveries stop after a timeout.");
    expect(await found("mongoose")).toEqual([a]);
    expect(await found("platypus")).toEqual([a]);

    // An erasure rewrites a body: the old words are no longer found.
    const note = await db
      .selectFrom("ticket_messages")
      .select("id")
      .where("ticket_id", "=", a)
      .where("kind", "=", "note")
      .executeTakeFirstOrThrow();
    await db.updateTable("ticket_messages").set({ body: "Checked the gateway logs: [removed]." }).where("id", "=", note.id).execute();
    expect(await found("mongoose")).toEqual([]);
    expect(await found("platypus")).toEqual([a]);

    // A merge moves the messages: they are found under the ticket that took them.
    await db.updateTable("ticket_messages").set({ ticket_id: b }).where("ticket_id", "=", a).execute();
    expect(await found("platypus")).toEqual([b]);
    expect(await documentOf(a)).toBe("Webhook retries Deliveries stop after a timeout.");

    // A changed subject replaces the head and keeps the messages.
    await db.updateTable("tickets").set({ subject: "Renamed walrus ticket" }).where("id", "=", b).execute();
    expect(await found("walrus")).toEqual([b]);
    expect(await found("platypus")).toEqual([b]);
    expect(await found("second")).toEqual([]);

    // Retention deletes the messages, then the ticket: nothing of it is found, its document is gone.
    await db.deleteFrom("ticket_messages").where("ticket_id", "=", b).execute();
    expect(await found("platypus")).toEqual([]);
    expect(await found("walrus")).toEqual([b]);
    await db.deleteFrom("tickets").where("id", "=", b).execute();
    expect(await found("walrus")).toEqual([]);
    expect(await documentOf(b)).toBeUndefined();
  });

  it("pages through the matches by the number already shown, most relevant first", async () => {
    const db = use();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await apiAs(db, customer).tickets.create({ subject: `Quokka report ${i}`, description: "Quokka quokka.".repeat(i + 1) })).id,
      );
    const first = await apiAs(db, agent).inbox.search({ q: "quokka", limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBe(3);
    const second = await apiAs(db, agent).inbox.search({ q: "quokka", limit: 3, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((h) => h.id).sort()).toEqual([...ids].sort());
    // The ticket that says it most often comes first.
    expect(first.items[0].id).toBe(ids[4]);
  });
});
