import "server-only";
import { Redis } from "ioredis";
import type { DB } from "../db";
import { isUniqueViolation } from "../db/dialect";
import { getEnv } from "../env";

/**
 * Who has a ticket open, and who is typing: shared between instances, never in process memory. In Redis
 * when REDIS_URL is set (a hash per ticket that expires by itself), otherwise in the database
 * (`ticket_presence`). An entry lives PRESENCE_TTL_MS after its last beat; the page beats every few seconds.
 */
export const PRESENCE_TTL_MS = 15_000;

export interface PresenceEntry {
  userId: number;
  typing: boolean;
  seenAt: number;
}

export interface PresenceStore {
  readonly kind: "database" | "redis";
  beat(ticketId: number, userId: number, typing: boolean, now: number): Promise<void>;
  /** Entries seen within PRESENCE_TTL_MS of `now`. */
  list(ticketId: number, now: number): Promise<PresenceEntry[]>;
  leave(ticketId: number, userId: number): Promise<void>;
}

/** Rows in `ticket_presence`: an update, or an insert when there is none (a concurrent insert makes it an update). */
export function createDatabasePresence(db: DB, random: () => number = Math.random): PresenceStore {
  return {
    kind: "database",
    async beat(ticketId, userId, typing, now) {
      const set = { typing: typing ? 1 : 0, seen_at: now };
      const update = () =>
        db.updateTable("ticket_presence").set(set).where("ticket_id", "=", ticketId).where("user_id", "=", userId).executeTakeFirst();
      if (Number((await update()).numUpdatedRows) === 0) {
        try {
          await db
            .insertInto("ticket_presence")
            .values({ ticket_id: ticketId, user_id: userId, ...set })
            .execute();
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          await update();
        }
      }
      // Now and then, entries long gone are swept (an index on seen_at keeps it short).
      if (random() < 0.02)
        await db
          .deleteFrom("ticket_presence")
          .where("seen_at", "<", now - 4 * PRESENCE_TTL_MS)
          .execute();
    },
    async list(ticketId, now) {
      const rows = await db
        .selectFrom("ticket_presence")
        .select(["user_id", "typing", "seen_at"])
        .where("ticket_id", "=", ticketId)
        .where("seen_at", ">=", now - PRESENCE_TTL_MS)
        .orderBy("user_id")
        .execute();
      return rows.map((r) => ({ userId: r.user_id, typing: r.typing === 1, seenAt: Number(r.seen_at) }));
    },
    async leave(ticketId, userId) {
      await db.deleteFrom("ticket_presence").where("ticket_id", "=", ticketId).where("user_id", "=", userId).execute();
    },
  };
}

/** A hash per ticket, field = user id, value = "seenAt:typing"; the hash expires a while after its last beat. */
export function createRedisPresence(urlOrClient: string | Redis, prefix = "presence"): PresenceStore & { close(): void } {
  const client = typeof urlOrClient === "string" ? new Redis(urlOrClient, { maxRetriesPerRequest: 1 }) : urlOrClient;
  client.on("error", () => {});
  const key = (ticketId: number) => `${prefix}:ticket:${ticketId}`;
  return {
    kind: "redis",
    async beat(ticketId, userId, typing, now) {
      await client
        .multi()
        .hset(key(ticketId), String(userId), `${now}:${typing ? 1 : 0}`)
        .pexpire(key(ticketId), 4 * PRESENCE_TTL_MS)
        .exec();
    },
    async list(ticketId, now) {
      const all = await client.hgetall(key(ticketId));
      const out: PresenceEntry[] = [];
      for (const [field, value] of Object.entries(all)) {
        const [seen, typing] = value.split(":");
        const seenAt = Number(seen);
        if (seenAt >= now - PRESENCE_TTL_MS) out.push({ userId: Number(field), typing: typing === "1", seenAt });
      }
      return out.sort((a, b) => a.userId - b.userId);
    },
    async leave(ticketId, userId) {
      await client.hdel(key(ticketId), String(userId));
    },
    close() {
      client.disconnect();
    },
  };
}

const holder = globalThis as unknown as { __mayakPresence?: PresenceStore };

/** The app's presence store: Redis when configured (outside tests), otherwise the app's database. */
export function getPresence(db: DB): PresenceStore {
  if (!holder.__mayakPresence) {
    const env = getEnv();
    holder.__mayakPresence = env.REDIS_URL && !process.env.VITEST ? createRedisPresence(env.REDIS_URL) : createDatabasePresence(db);
  }
  return holder.__mayakPresence;
}
