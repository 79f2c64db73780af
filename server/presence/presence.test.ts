import crypto from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnection } from "mysql2/promise";
import { describeEachDialect } from "@/tests/db";
import { openDatabase, type DB } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { apiAs, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor, RequestCtx } from "../context";
import { createDatabasePresence, createRedisPresence, PRESENCE_TTL_MS, type PresenceStore } from "../shared-state/presence";
import { beatPresence } from "./presence";

const ctxOf = (actor: Actor, now: number): RequestCtx => ({ actor, ip: "127.0.0.1", userAgent: "vitest", now: () => now });

describeEachDialect("presence on a ticket", (use) => {
  let customer: Actor, anna: Actor, boris: Actor;
  let ticketId: number;
  beforeAll(async () => {
    const db = use();
    [customer, anna, boris] = await Promise.all([makeCustomer(db), makeAgent(db), makeLead(db)]);
    ticketId = (await apiAs(db, customer).tickets.create({ subject: "Slow dashboard", description: "Takes a minute to load." })).id;
  });

  it("tells each agent who else has the ticket open and who is typing, until they stop beating", async () => {
    const db = use();
    const store = createDatabasePresence(db, () => 1);
    const t0 = Date.now();
    expect((await beatPresence(db, ctxOf(anna, t0), store, { ticketId })).others).toEqual([]);
    const seenByBoris = await beatPresence(db, ctxOf(boris, t0 + 1000), store, { ticketId, typing: true });
    expect(seenByBoris.others).toEqual([{ id: anna.id, name: anna.name, typing: false }]);
    const seenByAnna = await beatPresence(db, ctxOf(anna, t0 + 2000), store, { ticketId });
    expect(seenByAnna.others).toEqual([{ id: boris.id, name: boris.name, typing: true }]);
    expect(seenByAnna.version).toBeGreaterThan(0);
    // Boris stops beating: after the TTL he is gone.
    expect((await beatPresence(db, ctxOf(anna, t0 + 1000 + PRESENCE_TTL_MS + 1), store, { ticketId })).others).toEqual([]);
  });

  it("customers and outsiders reach none of it", async () => {
    const db = use();
    expect(await errorCode(apiAs(db, customer).presence.beat({ ticketId }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, customer).presence.leave({ ticketId }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).presence.beat({ ticketId }))).toBe("UNAUTHORIZED");
    expect(await errorCode(apiAs(db, anna).presence.beat({ ticketId: 999_999 }))).toBe("NOT_FOUND");
  });
});

/** Two app instances on one MariaDB: each with its own pool, agreeing through the database. */
describe.runIf(!!process.env.MYSQL_TEST_URL)("presence and collisions across two instances on one MariaDB", () => {
  const base = process.env.MYSQL_TEST_URL ?? "mysql://localhost/none";
  const name = `mayak_t_${crypto.randomBytes(5).toString("hex")}`;
  let a: { db: DB };
  let b: DB;
  beforeAll(async () => {
    const admin = await createConnection({ uri: base });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    a = { db: openDatabase(url.toString()) };
    await migrateToLatest(a.db);
    b = openDatabase(url.toString());
  });
  afterAll(async () => {
    await b?.destroy();
    await a?.db.destroy();
    const admin = await createConnection({ uri: base });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  });

  it("an agent on instance B sees the agent on instance A, and A's reply makes B's stale reply a conflict", async () => {
    const [customer, anna, boris] = [await makeCustomer(a.db), await makeAgent(a.db), await makeAgent(a.db)];
    const ticketId = (await apiAs(a.db, customer).tickets.create({ subject: "Two instances", description: "Both agents open this." })).id;
    const now = Date.now();
    await beatPresence(a.db, ctxOf(anna, now), createDatabasePresence(a.db), { ticketId, typing: true });
    const fromB = await beatPresence(b, ctxOf(boris, now + 500), createDatabasePresence(b), { ticketId });
    expect(fromB.others).toEqual([{ id: anna.id, name: anna.name, typing: true }]);

    const seen = fromB.version;
    await apiAs(a.db, anna).tickets.reply({ ticketId, body: "Answer from instance A", seenVersion: seen });
    expect(await errorCode(apiAs(b, boris).tickets.reply({ ticketId, body: "Answer from instance B", seenVersion: seen }))).toBe(
      "CONFLICT",
    );
  });
});

describe.runIf(!!process.env.REDIS_URL)("presence in Redis", () => {
  let client: Redis;
  let store: PresenceStore;
  beforeAll(async () => {
    client = new Redis(process.env.REDIS_URL!);
    store = createRedisPresence(client, `presence-test-${crypto.randomBytes(4).toString("hex")}`);
  });
  afterAll(() => client?.disconnect());

  it("keeps the same answers as the database store", async () => {
    const t0 = Date.now();
    await store.beat(7, 1, false, t0);
    await store.beat(7, 2, true, t0 + 100);
    expect(await store.list(7, t0 + 200)).toEqual([
      { userId: 1, typing: false, seenAt: t0 },
      { userId: 2, typing: true, seenAt: t0 + 100 },
    ]);
    await store.leave(7, 2);
    expect((await store.list(7, t0 + 200)).map((e) => e.userId)).toEqual([1]);
    expect(await store.list(7, t0 + PRESENCE_TTL_MS + 1)).toEqual([]);
  });
});
