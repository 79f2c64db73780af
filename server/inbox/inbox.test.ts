import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAdmin, makeAgent, makeCustomer, makeLead, makeUser } from "@/tests/factories";
import type { Actor } from "../context";
import type { TicketPriority } from "../db/schema";
import { BULK_LIMIT } from "@/lib/tickets";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

describeEachDialect("the inbox list", (use) => {
  let acme: Actor, globex: Actor, agent: Actor, lead: Actor, admin: Actor;
  let billing: number, category: number;
  const ids: number[] = [];

  beforeAll(async () => {
    const db = use();
    acme = await makeUser(db, "customer", { email: "ops@acme.test" });
    globex = await makeUser(db, "customer", { email: "it@globex.test" });
    [agent, lead, admin] = await Promise.all([makeAgent(db), makeLead(db), makeAdmin(db)]);
    billing = (await apiAs(db, lead).workspace.saveTeam({ name: "Billing", memberIds: [agent.id] })).id;
    category = (await apiAs(db, admin).workspace.saveCategory({ nameEn: "Payments", nameRu: "Оплата" })).id;
    const plan: [Actor, TicketPriority, number][] = [
      [acme, "normal", 0],
      [globex, "urgent", 1],
      [acme, "low", 2],
      [acme, "urgent", 3],
      [globex, "high", 4],
      [acme, "normal", 5],
    ];
    for (const [who, priority, day] of plan) {
      const now = T0 + day * DAY;
      ids.push(
        (
          await apiAs(db, who, () => now).tickets.create({
            subject: `Question ${day}`,
            description: "The invoice page shows an error.",
            priority,
          })
        ).id,
      );
    }
    await apiAs(db, agent).inbox.update({ ticketId: ids[1], teamId: billing, assigneeId: agent.id });
    await apiAs(db, agent).inbox.update({ ticketId: ids[2], status: "pending", categoryId: category });
    await apiAs(db, agent).inbox.changeTags({ ticketId: ids[3], add: ["Refund", "vip"] });
    await apiAs(db, agent).inbox.changeTags({ ticketId: ids[5], add: ["refund"] });
  });

  const listIds = async (input: Parameters<ReturnType<typeof apiAs>["inbox"]["list"]>[0], who = agent) =>
    (await apiAs(use(), who).inbox.list(input)).items.map((t) => t.id);

  it("puts urgent and long-waiting tickets first by default", async () => {
    // Urgent first, the one untouched longest first (ids[1] was just assigned), then high, normal (oldest first), low.
    expect(await listIds({})).toEqual([ids[3], ids[1], ids[4], ids[0], ids[5], ids[2]]);
    expect(await listIds({ sort: "created" })).toEqual([...ids].reverse());
  });

  it("composes filters with views", async () => {
    expect(await listIds({ view: "mine" })).toEqual([ids[1]]);
    expect(await listIds({ view: "team" })).toEqual([ids[1]]);
    expect(await listIds({ view: "team" }, lead)).toEqual([]);
    expect(await listIds({ view: "pending" })).toEqual([ids[2]]);
    expect(await listIds({ assignee: "none", priority: "urgent" })).toEqual([ids[3]]);
    expect(await listIds({ tag: "refund", sort: "created" })).toEqual([ids[5], ids[3]]);
    expect(await listIds({ tag: "refund", priority: "urgent" })).toEqual([ids[3]]);
    expect(await listIds({ category })).toEqual([ids[2]]);
    expect(await listIds({ requester: "globex.test", sort: "created" })).toEqual([ids[4], ids[1]]);
    expect(await listIds({ requester: "OPS@acme.test", priority: "low" })).toEqual([ids[2]]);
    expect(await listIds({ createdFrom: T0 + DAY, createdTo: T0 + 3 * DAY, sort: "created" })).toEqual([ids[2], ids[1]]);
    expect(await listIds({ team: billing, status: "new" })).toEqual([ids[1]]);
  });

  it("pages by key in every order without skipping or repeating a ticket", async () => {
    for (const sort of ["urgent", "updated", "created"] as const) {
      const all = await listIds({ view: "all", sort, limit: 100 });
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await apiAs(use(), agent).inbox.list({ view: "all", sort, limit: 4, cursor });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen, sort).toEqual(all);
    }
    expect(await errorCode(apiAs(use(), agent).inbox.list({ sort: "urgent", cursor: "bm90LWEta2V5" }))).toBe("BAD_REQUEST");
  });

  it("shows tags and teams on the rows", async () => {
    const page = await apiAs(use(), agent).inbox.list({ view: "all", sort: "created", limit: 100 });
    expect(page.items.find((t) => t.id === ids[3])?.tags).toEqual(["refund", "vip"]);
    expect(page.items.find((t) => t.id === ids[1])?.teamName).toBe("Billing");
  });

  it("saves views: personal ones for their owner, shared ones by leads, counts capped", async () => {
    const db = use();
    const mine = await apiAs(db, agent).inbox.createView({ name: "Refunds", filters: { view: "all", tag: "refund", sort: "urgent" } });
    expect(
      await errorCode(
        apiAs(db, agent).inbox.createView({ name: "Everyone", sharedWith: "everyone", filters: { view: "open", sort: "urgent" } }),
      ),
    ).toBe("FORBIDDEN");
    const shared = await apiAs(db, lead).inbox.createView({
      name: "Billing queue",
      sharedWith: "team",
      teamId: billing,
      filters: { view: "open", team: billing, sort: "urgent" },
    });
    expect((await apiAs(db, agent).inbox.savedViews()).map((v) => v.name)).toEqual(["Billing queue", "Refunds"]);
    expect((await apiAs(db, lead).inbox.savedViews()).map((v) => v.name)).toEqual(["Billing queue"]);
    const counts = await apiAs(db, agent).inbox.savedViewCounts();
    expect(counts.find((c) => c.id === mine.id)).toEqual({ id: mine.id, count: 2, capped: false });
    expect((await apiAs(db, agent).inbox.list({ savedView: mine.id, sort: "created" })).items.map((t) => t.id)).toEqual([ids[5], ids[3]]);
    // Someone else's personal view does not exist for the lead; the agent may not change the lead's shared one.
    expect(await errorCode(apiAs(db, lead).inbox.list({ savedView: mine.id }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, agent).inbox.deleteView({ id: shared.id }))).toBe("NOT_FOUND");
    await apiAs(db, agent).inbox.deleteView({ id: mine.id });
    const audit = await db.selectFrom("audit_events").select("action").where("entity_type", "=", "saved_view").orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["view.created", "view.created", "view.deleted"]);
  });

  it("suggests tags by prefix, curated ones first, and audits tag changes", async () => {
    const db = use();
    await apiAs(db, admin).workspace.curateTag({ name: "refund-partial", curated: true });
    expect((await apiAs(db, agent).inbox.suggestTags({ prefix: "ref" })).map((t) => t.name)).toEqual(["refund-partial", "refund"]);
    expect(await errorCode(apiAs(db, agent).workspace.curateTag({ name: "x", curated: true }))).toBe("NOT_FOUND");
    const ev = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "ticket.tags_changed")
      .where("entity_id", "=", String(ids[3]))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.after_json!)).toEqual({ tags: ["refund", "vip"] });
  });

  it("applies bulk changes ticket by ticket, up to the limit", async () => {
    const db = use();
    const res = await apiAs(db, agent).inbox.bulk({ ticketIds: [ids[4], 999_999], priority: "urgent", addTags: ["escalated"] });
    expect(res).toEqual([
      { ticketId: ids[4], ok: true },
      { ticketId: 999_999, ok: false, code: "NOT_FOUND", message: expect.any(String) },
    ]);
    expect(await listIds({ tag: "escalated" })).toEqual([ids[4]]);
    const tooMany = Array.from({ length: BULK_LIMIT + 1 }, (_, i) => i + 1);
    expect(await errorCode(apiAs(db, agent).inbox.bulk({ ticketIds: tooMany, priority: "low" }))).toBe("BAD_REQUEST");
  });

  it("customers reach none of it, and change nothing", async () => {
    const db = use();
    const api = apiAs(db, acme);
    const before = await db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    for (const call of [
      api.inbox.list({}),
      api.inbox.counts(),
      api.inbox.savedViews(),
      api.inbox.savedViewCounts(),
      api.inbox.createView({ name: "Mine", filters: { view: "open", sort: "urgent" } }),
      api.inbox.deleteView({ id: 1 }),
      api.inbox.bulk({ ticketIds: [ids[0]], status: "solved" }),
      api.inbox.suggestTags({ prefix: "r" }),
      api.inbox.changeTags({ ticketId: ids[0], add: ["x"] }),
      api.inbox.search({ q: "invoice" }),
      api.workspace.teams(),
      api.workspace.saveTeam({ name: "Mine" }),
      api.workspace.categories(),
      api.workspace.saveCategory({ nameEn: "Xx", nameRu: "Xx" }),
      api.workspace.curateTag({ name: "x", curated: true }),
    ])
      expect(await errorCode(call)).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, agent).workspace.saveTeam({ name: "Agents" }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).inbox.counts())).toBe("UNAUTHORIZED");
    const after = await db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describeEachDialect("staff search", (use) => {
  let customer: Actor, agent: Actor;
  let en: number, ru: number, noted: number;

  beforeAll(async () => {
    const db = use();
    customer = await makeCustomer(db);
    agent = await makeAgent(db);
    en = (
      await apiAs(db, customer).tickets.create({
        subject: "Payments fail at checkout",
        description: "Every card payment is declined since this morning.",
      })
    ).id;
    ru = (
      await apiAs(db, customer).tickets.create({
        subject: "Не проходит оплата",
        description: "Оплата картой не проходит с утра, пишет ошибку.",
        priority: "high",
      })
    ).id;
    noted = (await apiAs(db, customer).tickets.create({ subject: "Slow dashboard", description: "The dashboard takes a minute to load." }))
      .id;
    await apiAs(db, agent).tickets.reply({ ticketId: noted, body: "Internal: the replica is lagging behind the primary.", kind: "note" });
    await apiAs(db, customer).tickets.reply({ ticketId: ru, body: "Попробовала другую карту, оплатой тоже не получается." });
  });

  const search = (q: string, extra: object = {}) => apiAs(use(), agent).inbox.search({ q, ...extra });

  it("finds word forms in English and Russian, in subjects, descriptions, replies and notes", async () => {
    expect((await search("payment")).items.map((h) => h.id)).toEqual([en]);
    expect((await search("оплаты")).items.map((h) => h.id)).toEqual([ru]);
    expect((await search("replica lagging")).items.map((h) => h.id)).toEqual([noted]);
    const hit = (await search("другую карту")).items[0];
    expect(hit.id).toBe(ru);
    expect(hit.source).toBe("reply");
    expect(hit.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(["другую", "карту"]);
    expect(hit.subject.some((p) => p.hit)).toBe(false);
  });

  it("narrows with the inbox filters and marks the matched words", async () => {
    expect((await search("оплата", { priority: "normal" })).items).toEqual([]);
    const [hit] = (await search("payments", { priority: "normal" })).items;
    expect(hit.subject).toEqual([
      { text: "Payments", hit: true },
      { text: " fail at checkout", hit: false },
    ]);
  });

  it("keeps up with edits in the writing transaction", async () => {
    await apiAs(use(), customer).tickets.reply({ ticketId: en, body: "Also the refund button is greyed out." });
    expect((await search("greyed")).items.map((h) => h.id)).toEqual([en]);
  });
});
