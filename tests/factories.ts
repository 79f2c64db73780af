import crypto from "node:crypto";
import type { DB } from "@/server/db";
import type { Role } from "@/server/db/schema";
import type { Actor } from "@/server/context";
import { createCaller } from "@/server/trpc/root";

let counter = 0;

/** A user row of the given role, inserted directly (fast: no argon2), returned as an Actor. */
export async function makeUser(db: DB, role: Role, overrides: Partial<Actor> = {}): Promise<Actor> {
  const n = ++counter;
  const email = overrides.email ?? `${role}${n}-${crypto.randomBytes(3).toString("hex")}@example.test`;
  const name = overrides.name ?? `${role} ${n}`;
  const now = Date.now();
  const res = await db
    .insertInto("users")
    .values({
      email,
      name,
      role,
      locale: overrides.locale ?? "en",
      disabled: 0,
      password_hash: "$argon2id$v=19$m=19456,t=2,p=1$placeholder$placeholder",
      invite_token_hash: null,
      invite_expires_at: null,
      created_at: now,
      updated_at: now,
      last_sign_in_at: null,
    })
    .executeTakeFirstOrThrow();
  return { id: Number(res.insertId), role, email, name, locale: overrides.locale ?? "en" };
}

export const makeCustomer = (db: DB) => makeUser(db, "customer");
export const makeAgent = (db: DB) => makeUser(db, "agent");
export const makeLead = (db: DB) => makeUser(db, "lead");
export const makeAdmin = (db: DB) => makeUser(db, "admin");

/** The API as this actor (or anonymous) would call it: same procedures, checks and errors as over HTTP. */
export function apiAs(db: DB, actor: Actor | null, now: () => number = Date.now) {
  return createCaller({ db, actor, ip: "127.0.0.1", userAgent: "vitest", now, appUrl: "http://mayak.test", locale: "en" });
}

/** Runs a promise that must fail, and returns the tRPC error code. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code?: string }).code ?? "UNKNOWN";
  }
  throw new Error("expected the call to fail");
}

export async function countRows(
  db: DB,
  table: "tickets" | "ticket_messages" | "audit_events" | "outbox_emails" | "jobs" | "users",
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Everything a help-center write could touch (articles, revisions, jobs, audit), to prove that a refused call or a no-op changed nothing. */
export async function kbSnapshot(db: DB) {
  const count = async (t: "kb_revisions" | "jobs" | "audit_events") =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    articles: await db.selectFrom("kb_articles").selectAll().orderBy("id").execute(),
    revisions: await count("kb_revisions"),
    jobs: await count("jobs"),
    audit: await count("audit_events"),
  };
}
