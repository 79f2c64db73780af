import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { transact } from "../db/transact";
import { en } from "@/lib/i18n/en";
import { ru } from "@/lib/i18n/ru";
import { notify, notifyMany } from "./notify";
import { NOTIFICATION_KIND_NAMES } from "./kinds";

const ctxOf = (actor: Actor | null) => ({ actor, ip: "127.0.0.1", userAgent: "vitest", now: () => Date.now() });

it("every kind has its switch label, sentence and email in English and Russian", () => {
  for (const kind of NOTIFICATION_KIND_NAMES) {
    for (const key of [`notify.kind.${kind}`, `notify.text.${kind}`, `notify.email.${kind}.subject`, `notify.email.${kind}.body`]) {
      expect((en as Record<string, string>)[key], key).toBeTruthy();
      expect((ru as Record<string, string>)[key], key).toBeTruthy();
    }
  }
});

describeEachDialect("notifications", (use) => {
  let agent: Actor, other: Actor, lead: Actor, customer: Actor;
  let ticketId: number;

  const unreadOf = (who: Actor) => apiAs(use(), who).deskFlow.unreadCount();
  const outboxTo = (db: DB, email: string) =>
    db.selectFrom("outbox_emails").select(["subject", "body_text"]).where("to_address", "=", email).orderBy("id").execute();

  beforeAll(async () => {
    const db = use();
    [agent, other, lead, customer] = await Promise.all([makeAgent(db), makeAgent(db), makeLead(db), makeCustomer(db)]);
    ticketId = (await apiAs(db, customer).tickets.create({ subject: "Printer on fire", description: "It is really on fire." })).id;
  });

  it("writes an in-app row and an email per the kind's defaults, leaving out the actor, customers and disabled staff", async () => {
    const db = use();
    const disabled = await makeAgent(db);
    await db.updateTable("users").set({ disabled: 1 }).where("id", "=", disabled.id).execute();
    const res = await transact(db, (trx) =>
      notify(trx, ctxOf(lead), { kind: "assigned", userIds: [agent.id, lead.id, customer.id, disabled.id], ticketId }),
    );
    expect(res).toEqual({ inApp: 1, emails: 1 });
    const list = await apiAs(db, agent).deskFlow.notifications({});
    expect(list.items[0]).toMatchObject({
      kind: "assigned",
      ticketId,
      read: false,
      vars: { id: ticketId, subject: "Printer on fire", actor: lead.name },
    });
    const mails = await outboxTo(db, agent.email);
    expect(mails.at(-1)!.subject).toBe(`[#${ticketId}] Assigned to you: Printer on fire`);
    expect(mails.at(-1)!.body_text).toContain(`/inbox/${ticketId}`);
    expect(await outboxTo(db, customer.email)).toEqual([]);
    expect((await apiAs(db, lead).deskFlow.notifications({})).items).toEqual([]);
  });

  it("follows each user's switches per kind", async () => {
    const db = use();
    await apiAs(db, other).deskFlow.setNotificationSwitch({ kind: "mentioned", inApp: false, email: true });
    await apiAs(db, other).deskFlow.setNotificationSwitch({ kind: "assigned", inApp: true, email: false });
    const switches = await apiAs(db, other).deskFlow.notificationSwitches();
    expect(switches.find((s) => s.kind === "mentioned")).toEqual({ kind: "mentioned", inApp: false, email: true });
    expect(switches.find((s) => s.kind === "ticket_merged")).toEqual({ kind: "ticket_merged", inApp: true, email: false });
    const mailsBefore = (await outboxTo(db, other.email)).length;
    expect(await transact(db, (trx) => notify(trx, ctxOf(lead), { kind: "mentioned", userIds: [other.id], ticketId }))).toEqual({
      inApp: 0,
      emails: 1,
    });
    expect(await transact(db, (trx) => notify(trx, ctxOf(lead), { kind: "assigned", userIds: [other.id], ticketId }))).toEqual({
      inApp: 1,
      emails: 0,
    });
    expect((await outboxTo(db, other.email)).length).toBe(mailsBefore + 1);
    expect((await apiAs(db, other).deskFlow.notifications({})).items.map((n) => n.kind)).toEqual(["assigned"]);
    const audit = await db.selectFrom("audit_events").select("action").where("actor_id", "=", other.id).execute();
    expect(audit.filter((a) => a.action === "notification.settings_changed")).toHaveLength(2);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const db = use();
    const before = [await countRows(db, "outbox_emails"), await unreadOf(agent)];
    await expect(
      transact(db, async (trx) => {
        await notify(trx, ctxOf(lead), { kind: "customer_replied", userIds: [agent.id], ticketId });
        throw new Error("refused later in the change");
      }),
    ).rejects.toThrow("refused later");
    expect([await countRows(db, "outbox_emails"), await unreadOf(agent)]).toEqual(before);
  });

  it("marks read and unread, one or all, and only the caller's own", async () => {
    const db = use();
    await transact(db, (trx) => notify(trx, ctxOf(lead), { kind: "ticket_merged", userIds: [agent.id, other.id], ticketId }));
    const mine = (await apiAs(db, agent).deskFlow.notifications({})).items;
    const theirs = (await apiAs(db, other).deskFlow.notifications({})).items;
    expect(await unreadOf(agent)).toBe(mine.length);
    expect(await apiAs(db, agent).deskFlow.markRead({ ids: [mine[0].id, theirs[0].id] })).toEqual({ changed: 1 });
    expect(await unreadOf(agent)).toBe(mine.length - 1);
    expect((await apiAs(db, other).deskFlow.notifications({})).items[0].read).toBe(false);
    expect((await apiAs(db, agent).deskFlow.notifications({ unreadOnly: true })).items.map((n) => n.id)).not.toContain(mine[0].id);
    await apiAs(db, agent).deskFlow.markRead({ ids: [mine[0].id], read: false });
    expect(await unreadOf(agent)).toBe(mine.length);
    expect(await apiAs(db, agent).deskFlow.markAllRead()).toEqual({ changed: mine.length });
    expect(await unreadOf(agent)).toBe(0);
    expect(await unreadOf(other)).toBeGreaterThan(0);
  });

  it("pages by key", async () => {
    const db = use();
    for (let i = 0; i < 3; i++)
      await transact(db, (trx) =>
        notify(trx, ctxOf(lead), { kind: "sla_warning", userIds: [agent.id], ticketId, vars: { target: "first reply", due: "soon" } }),
      );
    const first = await apiAs(db, agent).deskFlow.notifications({ limit: 2 });
    const second = await apiAs(db, agent).deskFlow.notifications({ limit: 2, cursor: first.nextCursor! });
    expect(first.items).toHaveLength(2);
    expect(second.items.every((n) => n.id < first.items[1].id)).toBe(true);
  });

  it("customers and visitors reach none of the procedures: NOT_FOUND or UNAUTHORIZED, nothing changes", async () => {
    const db = use();
    const snapshot = async () => [
      await db.selectFrom("notifications").selectAll().orderBy("id").execute(),
      await db.selectFrom("notification_settings").selectAll().execute(),
      await countRows(db, "audit_events"),
    ];
    const before = await snapshot();
    const api = apiAs(db, customer);
    const anyId = (await db.selectFrom("notifications").select("id").executeTakeFirstOrThrow()).id;
    expect(await errorCode(api.deskFlow.notifications({}))).toBe("NOT_FOUND");
    expect(await errorCode(api.deskFlow.unreadCount())).toBe("NOT_FOUND");
    expect(await errorCode(api.deskFlow.markRead({ ids: [anyId] }))).toBe("NOT_FOUND");
    expect(await errorCode(api.deskFlow.markAllRead())).toBe("NOT_FOUND");
    expect(await errorCode(api.deskFlow.notificationSwitches())).toBe("NOT_FOUND");
    expect(await errorCode(api.deskFlow.setNotificationSwitch({ kind: "assigned", inApp: false, email: false }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).deskFlow.markAllRead())).toBe("UNAUTHORIZED");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an unknown kind with a message and changes nothing", async () => {
    const db = use();
    const before = await db.selectFrom("notification_settings").selectAll().execute();
    expect(await errorCode(apiAs(db, agent).deskFlow.setNotificationSwitch({ kind: "nope" as "assigned", inApp: true, email: true }))).toBe(
      "BAD_REQUEST",
    );
    expect(await db.selectFrom("notification_settings").selectAll().execute()).toEqual(before);
  });

  it("notifyMany: several tickets and people in one call, each email's job pointing at its own outbox row", async () => {
    const db = use();
    const second = (await apiAs(db, customer).tickets.create({ subject: "Scanner jammed", description: "Paper stuck inside." })).id;
    const [jobsBefore, mailsBefore] = [await countRows(db, "jobs"), await countRows(db, "outbox_emails")];
    const written = await transact(db, (trx) =>
      notifyMany(trx, ctxOf(null), [
        { kind: "sla_breach", userIds: [agent.id, lead.id], ticketId, vars: { metric: "first_response" } },
        { kind: "sla_breach", userIds: [other.id, customer.id], ticketId: second, vars: { metric: "resolution" } },
        { kind: "sla_warning", userIds: [agent.id], ticketId: second, vars: { metric: "resolution", dueAt: Date.UTC(2026, 2, 2, 9) } },
      ]),
    );
    // The customer is left out; sla_warning is in-app only by default.
    expect(written).toEqual({ inApp: 4, emails: 3 });
    expect([(await countRows(db, "jobs")) - jobsBefore, (await countRows(db, "outbox_emails")) - mailsBefore]).toEqual([3, 3]);
    const jobs = await db.selectFrom("jobs").select("payload").where("type", "=", "email.send").orderBy("id", "desc").limit(3).execute();
    const sent = [];
    for (const j of jobs.reverse()) {
      const { emailId } = JSON.parse(j.payload) as { emailId: number };
      const m = await db.selectFrom("outbox_emails").select(["to_address", "subject"]).where("id", "=", emailId).executeTakeFirstOrThrow();
      sent.push([m.to_address, m.subject]);
    }
    expect(sent).toEqual([
      [agent.email, `[#${ticketId}] SLA target missed: Printer on fire`],
      [lead.email, `[#${ticketId}] SLA target missed: Printer on fire`],
      [other.email, `[#${second}] SLA target missed: Scanner jammed`],
    ]);
    const warning = (await apiAs(db, agent).deskFlow.notifications({})).items[0];
    expect(warning).toMatchObject({ kind: "sla_warning", ticketId: second, vars: { subject: "Scanner jammed", target: "resolution" } });
  });
});
