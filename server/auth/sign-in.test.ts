import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { createTestDb } from "@/tests/db";
import { makeCustomer } from "@/tests/factories";
import { createScratchMysql, uniqueName } from "@/tests/rate-limit-stores";
import { manualClock } from "../clock";
import { openDatabase, type DB } from "../db/connect";
import { createMemoryRateLimits, createMysqlRateLimits, createRedisRateLimits, type RateLimits } from "../shared-state/rate-limits";
import { hashPassword } from "./password";
import { signInWithThrottle, type SignInDeps, type SignInRequest } from "./sign-in";

const SECRET = "sign-in-test-secret-0123456789abcdef";
const PASSWORD = "correct horse battery";

async function makeAccount(db: DB, email?: string): Promise<string> {
  const user = await makeCustomer(db);
  const address = email ?? user.email;
  await db
    .updateTable("users")
    .set({ email: address, password_hash: await hashPassword(PASSWORD) })
    .where("id", "=", user.id)
    .execute();
  return address;
}

const failedChecks = async (db: DB) =>
  Number(
    (
      await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("action", "=", "auth.sign_in_failed")
        .executeTakeFirstOrThrow()
    ).n,
  );

let addresses = 0;
const freshIp = () => `192.0.2.${++addresses}`;

describe("sign-in throttle (memory store, moved clock)", () => {
  let db: DB;
  let destroy: () => Promise<void>;
  const clock = manualClock();
  let deps: SignInDeps;
  const signIn = (req: Partial<SignInRequest> & { email: string }) =>
    signInWithThrottle(deps, { password: "wrong password!", ip: freshIp(), userAgent: "vitest", ...req });

  beforeAll(async () => {
    ({ db, destroy } = await createTestDb("sqlite"));
    deps = { db, limits: createMemoryRateLimits(clock.now), authSecret: SECRET, now: clock.now };
  });
  afterAll(() => destroy());

  it("per account: five tries, then waits of 30 s, 1 min, 2 min …; a throttled attempt checks no password", async () => {
    const email = await makeAccount(db);
    for (let i = 0; i < 5; i++) expect(await signIn({ email })).toEqual({ kind: "failed" });
    const checks = await failedChecks(db);
    expect(await signIn({ email, password: PASSWORD }), "even the right password waits").toEqual({ kind: "throttled", retryAfterSec: 30 });
    expect(await signIn({ email: ` ${email.toUpperCase()} ` }), "the same account however it is typed").toEqual({
      kind: "throttled",
      retryAfterSec: 30,
    });
    expect(await failedChecks(db)).toBe(checks);

    clock.advance(30_000);
    expect(await signIn({ email })).toEqual({ kind: "failed" });
    expect(await signIn({ email })).toEqual({ kind: "throttled", retryAfterSec: 60 });
    clock.advance(60_000);
    expect(await signIn({ email })).toEqual({ kind: "failed" });
    expect(await signIn({ email })).toEqual({ kind: "throttled", retryAfterSec: 120 });
  });

  it("a successful sign-in resets the account's count", async () => {
    const email = await makeAccount(db);
    for (let i = 0; i < 4; i++) await signIn({ email });
    expect(await signIn({ email, password: PASSWORD })).toMatchObject({ kind: "signed-in", actor: { email } });
    for (let i = 0; i < 4; i++) expect(await signIn({ email }), `try ${i + 1} after the reset`).toEqual({ kind: "failed" });
  });

  it("per address: twenty failed checks over any accounts, then waits from 15 s; other addresses and successes do not count", async () => {
    const ip = freshIp();
    const owner = await makeAccount(db);
    for (let i = 0; i < 30; i++)
      expect((await signIn({ email: owner, password: PASSWORD, ip })).kind, "successes are not counted").toBe("signed-in");
    for (let i = 0; i < 20; i++) expect(await signIn({ email: `nobody${i}@example.test`, ip })).toEqual({ kind: "failed" });
    const fresh = await makeAccount(db);
    expect(await signIn({ email: fresh, password: PASSWORD, ip })).toEqual({ kind: "throttled", retryAfterSec: 15 });
    expect((await signIn({ email: fresh, password: PASSWORD })).kind, "from another address").toBe("signed-in");
    clock.advance(15_000);
    expect((await signIn({ email: fresh, password: PASSWORD, ip })).kind).toBe("signed-in");
    expect(await signIn({ email: fresh, password: PASSWORD, ip })).toEqual({ kind: "throttled", retryAfterSec: 30 });
  });

  it("a stranger's guesses do not keep the owner out of their known device; that device's own failures are throttled apart", async () => {
    const email = await makeAccount(db);
    const first = await signIn({ email, password: PASSWORD });
    if (first.kind !== "signed-in") throw new Error("expected a sign-in");
    const knownDevice = first.knownDevice;

    for (let i = 0; i < 12; i++) await signIn({ email }); // a stranger, from many addresses
    expect((await signIn({ email, password: PASSWORD })).kind, "without the cookie the owner waits too").toBe("throttled");
    expect(
      (await signIn({ email, password: PASSWORD, knownDevice: knownDevice.replace(/.$/, (c) => (c === "A" ? "B" : "A")) })).kind,
      "an edited cookie is worth nothing",
    ).toBe("throttled");
    const back = await signIn({ email, password: PASSWORD, knownDevice });
    expect(back).toMatchObject({ kind: "signed-in", actor: { email } });

    // The same device's wrong passwords have a back-off of their own: the stranger could not use it anyway
    // without the cookie, and a stolen cookie still guesses slowly.
    for (let i = 0; i < 5; i++) expect(await signIn({ email, knownDevice })).toEqual({ kind: "failed" });
    expect(await signIn({ email, password: PASSWORD, knownDevice })).toEqual({ kind: "throttled", retryAfterSec: 30 });

    // The owner signing in did not reset the stranger's count: after their slot, the next wait doubles.
    clock.advance(30_000);
    expect((await signIn({ email, password: PASSWORD, knownDevice })).kind).toBe("signed-in");
    expect(await signIn({ email })).toEqual({ kind: "failed" });
    expect(await signIn({ email })).toEqual({ kind: "throttled", retryAfterSec: 60 });

    // A cookie issued for another account exempts nobody here.
    const other = await makeAccount(db);
    const otherSignIn = await signIn({ email: other, password: PASSWORD });
    if (otherSignIn.kind !== "signed-in") throw new Error("expected a sign-in");
    expect((await signIn({ email, password: PASSWORD, knownDevice: otherSignIn.knownDevice })).kind).toBe("throttled");
  });
});

/** Two app instances, each with its own connection to the shared store, in front of one database. */
function describeSharedStore(
  title: string,
  skip: string | undefined,
  open: () => Promise<{ db: DB; a: RateLimits; b: RateLimits; close: () => Promise<void> }>,
) {
  describe.skipIf(skip)(`sign-in throttle shared between two instances: ${title}`, () => {
    let env: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      env = await open();
    });
    afterAll(() => env?.close());

    it("failures counted on one instance throttle the account on the other", async () => {
      const email = await makeAccount(env.db, `${uniqueName("shared")}@example.test`);
      const on = (limits: RateLimits) => (req: Partial<SignInRequest>) =>
        signInWithThrottle(
          { db: env.db, limits, authSecret: SECRET, now: Date.now },
          { email, password: "wrong password!", ip: uniqueName("ip"), userAgent: "vitest", ...req },
        );
      for (let i = 0; i < 3; i++) expect(await on(env.a)({})).toEqual({ kind: "failed" });
      for (let i = 0; i < 2; i++) expect(await on(env.b)({})).toEqual({ kind: "failed" });
      const refused = await on(env.a)({ password: PASSWORD });
      expect(refused.kind).toBe("throttled");
      expect((await on(env.b)({ password: PASSWORD })).kind).toBe("throttled");
    });
  });
  if (skip) console.info(`[sign-in] ${title} tests skipped: ${skip}`);
}

describeSharedStore("MySQL/MariaDB", process.env.MYSQL_TEST_URL ? undefined : "MYSQL_TEST_URL is not set", async () => {
  const scratch = (await createScratchMysql())!;
  const db = openDatabase(scratch.url);
  const a = createMysqlRateLimits(scratch.url);
  const b = createMysqlRateLimits(scratch.url);
  return {
    db,
    a,
    b,
    close: async () => {
      await Promise.all([a.close(), b.close(), db.destroy()]);
      await scratch.drop();
    },
  };
});

describeSharedStore("Redis", process.env.REDIS_URL ? undefined : "REDIS_URL is not set", async () => {
  const { db, destroy } = await createTestDb("sqlite");
  const connect = async () => {
    const client = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await new Promise((resolve, reject) => client.once("ready", resolve).once("error", reject));
    return createRedisRateLimits(client);
  };
  const a = await connect();
  const b = await connect();
  return { db, a, b, close: async () => void (await Promise.all([a.close(), b.close(), destroy()])) };
});
