import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { errorCode, makeAdmin, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import { api, auditActions, linksIn, outbox, seedComponent } from "./test-helpers";

let n = 0;
const email = () => `Reader${++n}-${Math.random().toString(36).slice(2, 7)}@Example.test`;

describeEachDialect("email subscriptions", (use) => {
  let checkout = 0;
  beforeAll(async () => {
    checkout = await seedComponent(use(), "checkout-sub");
  });

  async function rowsFor(address: string) {
    return use().selectFrom("status_subscribers").selectAll().where("target", "=", address.toLowerCase()).orderBy("id").execute();
  }

  it("stores an unconfirmed subscriber and sends a confirmation with both unsubscribe links", async () => {
    const to = email();
    expect(await api(use()).subscriptions.subscribe({ kind: "email", email: to, locale: "en", components: [checkout] })).toEqual({
      kind: "email",
    });
    const [row] = await rowsFor(to);
    expect(row).toMatchObject({ kind: "email", target: to.toLowerCase(), confirmed: 0, locale: "en" });
    expect(JSON.parse(row.components!)).toEqual([checkout]);
    const [mail] = await outbox(use(), to.toLowerCase());
    expect(mail.subject).toBe("Confirm your subscription to status updates");
    const links = linksIn(mail.body_text);
    expect(mail.body_text).toContain(`http://mayak.test/subscriptions/confirm/${links.confirm}`);
    expect(mail.body_text).toContain(`http://mayak.test/api/subscriptions/unsubscribe?token=${links.oneClick}`);
    expect(links.unsubscribePage).toBe(links.oneClick);
    // Only hashes are stored.
    expect(JSON.stringify(row)).not.toContain(links.confirm!);
    expect(JSON.stringify(row)).not.toContain(links.oneClick!);
    expect(await auditActions(use(), row.id)).toEqual(["subscription.created"]);
  });

  it("sends Russian mail with /ru links to a Russian subscriber", async () => {
    const to = email();
    await api(use()).subscriptions.subscribe({ kind: "email", email: to, locale: "ru" });
    const [mail] = await outbox(use(), to.toLowerCase());
    expect(mail.subject).toBe("Подтвердите подписку на уведомления о статусе");
    expect(mail.body_text).toContain("http://mayak.test/ru/subscriptions/confirm/");
    expect(mail.body_text).toContain("http://mayak.test/ru/subscriptions/unsubscribe/");
  });

  it("subscribing again re-sends the confirmation without a second row, and only the newest link works", async () => {
    const to = email();
    const first = await api(use()).subscriptions.subscribe({ kind: "email", email: to });
    const second = await api(use()).subscriptions.subscribe({ kind: "email", email: to.toUpperCase() });
    expect(second).toEqual(first);
    expect(await rowsFor(to)).toHaveLength(1);
    const mails = await outbox(use(), to.toLowerCase());
    expect(mails).toHaveLength(2);
    const [oldLink, newLink] = mails.map((m) => linksIn(m.body_text).confirm!);
    expect(await errorCode(api(use()).subscriptions.confirm({ token: oldLink }))).toBe("NOT_FOUND");
    expect(await api(use()).subscriptions.confirm({ token: newLink })).toEqual({ confirmed: true });
  });

  it("confirms once; opening the link again is harmless; a wrong token is NOT_FOUND", async () => {
    const to = email();
    await api(use()).subscriptions.subscribe({ kind: "email", email: to });
    const token = linksIn((await outbox(use(), to.toLowerCase()))[0].body_text).confirm!;
    expect(await api(use()).subscriptions.confirm({ token })).toEqual({ confirmed: true });
    expect(await api(use()).subscriptions.confirm({ token })).toEqual({ confirmed: true });
    const [row] = await rowsFor(to);
    expect(row.confirmed).toBe(1);
    expect(row.confirmed_at).not.toBeNull();
    expect(await auditActions(use(), row.id)).toEqual(["subscription.created", "subscription.confirmed"]);
    expect(await errorCode(api(use()).subscriptions.confirm({ token: "x".repeat(32) }))).toBe("NOT_FOUND");
  });

  it("a confirmed address asking again answers the same and changes nothing until the new link is confirmed", async () => {
    const to = email();
    await api(use()).subscriptions.subscribe({ kind: "email", email: to });
    await api(use()).subscriptions.confirm({ token: linksIn((await outbox(use(), to.toLowerCase()))[0].body_text).confirm! });
    const [original] = await rowsFor(to);
    expect(await api(use()).subscriptions.subscribe({ kind: "email", email: to, components: [checkout] })).toEqual({ kind: "email" });
    const rows = await rowsFor(to);
    expect(rows.find((r) => r.id === original.id)?.components).toBeNull();
    const mails = await outbox(use(), to.toLowerCase());
    await api(use()).subscriptions.confirm({ token: linksIn(mails[1].body_text).confirm! });
    const after = await rowsFor(to);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: original.id, confirmed: 1, unsubscribe_token_hash: original.unsubscribe_token_hash });
    expect(JSON.parse(after[0].components!)).toEqual([checkout]);
  });

  it("unsubscribes in one click; using the token again still answers success", async () => {
    const to = email();
    await api(use()).subscriptions.subscribe({ kind: "email", email: to });
    const { confirm, oneClick } = linksIn((await outbox(use(), to.toLowerCase()))[0].body_text);
    await api(use()).subscriptions.confirm({ token: confirm! });
    const [row] = await rowsFor(to);
    expect(await api(use()).subscriptions.unsubscribe({ token: oneClick! })).toEqual({ unsubscribed: true });
    expect(await rowsFor(to)).toHaveLength(0);
    expect(await api(use()).subscriptions.unsubscribe({ token: oneClick! })).toEqual({ unsubscribed: true });
    expect(await auditActions(use(), row.id)).toEqual(["subscription.created", "subscription.confirmed", "subscription.removed"]);
    expect(await errorCode(api(use()).subscriptions.confirm({ token: confirm! }))).toBe("NOT_FOUND");
  });

  it("rejects bad input with BAD_REQUEST and field errors, writing nothing", async () => {
    const before = await use()
      .selectFrom("status_subscribers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const bad = [
      { kind: "email", email: "not-an-email" },
      { kind: "email", email: email(), components: [] },
      { kind: "email", email: email(), components: [999_999] },
      { kind: "email", email: email(), locale: "de" },
      { kind: "webhook", url: "ftp://example.com/hook" },
      { kind: "webhook", url: "javascript:alert(1)" },
      { kind: "webhook", url: "https://example.com/hook", secret: "short" },
      { kind: "sms", target: "+100" },
    ];
    for (const input of bad) {
      expect(await errorCode(api(use()).subscriptions.subscribe(input as never))).toBe("BAD_REQUEST");
    }
    expect(await errorCode(api(use()).subscriptions.unsubscribe({ token: "../../etc" }))).toBe("BAD_REQUEST");
    try {
      await api(use()).subscriptions.subscribe({ kind: "email", email: email(), components: [999_999] });
    } catch (err) {
      expect((err as { cause?: { field?: string } }).cause?.field).toBe("components");
    }
    const after = await use()
      .selectFrom("status_subscribers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("limits how often one address can be asked to confirm", async () => {
    const to = email();
    for (let i = 0; i < 3; i++) await api(use()).subscriptions.subscribe({ kind: "email", email: to });
    expect(await errorCode(api(use()).subscriptions.subscribe({ kind: "email", email: to }))).toBe("TOO_MANY_REQUESTS");
    expect(await outbox(use(), to.toLowerCase())).toHaveLength(3);
  });

  it("staff list (key-paginated, webhook URLs shown by origin only) and remove; others get NOT_FOUND", async () => {
    const db = use();
    await api(db).subscriptions.subscribe({ kind: "webhook", url: "https://hooks.example.test/services/T000/SECRETPATH" });
    const lead = await makeLead(db);
    const page1 = await api(db, lead).subscriptions.list({ limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0].target).toBe("https://hooks.example.test/…");
    expect(JSON.stringify(page1)).not.toContain("SECRETPATH");
    const page2 = await api(db, lead).subscriptions.list({ limit: 2, cursor: page1.nextCursor! });
    expect(page2.items[0].id).toBeLessThan(page1.items[1].id);

    const victim = page1.items[1].id;
    for (const outsider of [null, await makeCustomer(db), await makeAgent(db)]) {
      const code = outsider ? "NOT_FOUND" : "UNAUTHORIZED";
      expect(await errorCode(api(db, outsider).subscriptions.list({}))).toBe(code);
      expect(await errorCode(api(db, outsider).subscriptions.remove({ id: victim }))).toBe(code);
    }
    expect(await db.selectFrom("status_subscribers").select("id").where("id", "=", victim).executeTakeFirst()).toBeDefined();

    const admin = await makeAdmin(db);
    expect(await api(db, admin).subscriptions.remove({ id: victim })).toEqual({ removed: true });
    expect(await db.selectFrom("status_subscribers").select("id").where("id", "=", victim).executeTakeFirst()).toBeUndefined();
    expect(await errorCode(api(db, admin).subscriptions.remove({ id: victim }))).toBe("NOT_FOUND");
    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "subscription.removed")
      .where("entity_id", "=", String(victim))
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.id);
  });
});
