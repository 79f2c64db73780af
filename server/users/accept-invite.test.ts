import { beforeEach, expect, it, vi } from "vitest";
import { hashPassword } from "../auth/password";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAdmin } from "@/tests/factories";
import type { DB } from "../db";

// Count the argon2 hashes: a refused invitation must cost none.
vi.mock("../auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("../auth/password")>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

/** Invites someone and returns the token from the emailed link. */
async function invite(db: DB, email: string): Promise<string> {
  await apiAs(db, await makeAdmin(db)).admin.invite({ email, name: "Invited", role: "agent" });
  const mail = await db.selectFrom("outbox_emails").select("body_text").where("to_address", "=", email).executeTakeFirstOrThrow();
  return /\/invite\/([\w-]+)/.exec(mail.body_text)![1];
}

describeEachDialect("accepting an invitation", (use) => {
  beforeEach(() => {
    vi.mocked(hashPassword).mockClear();
  });

  it("checks the token before hashing anything: a wrong or expired token costs no argon2 work", async () => {
    const db = use();
    const api = apiAs(db, null);
    expect(await errorCode(api.account.acceptInvite({ token: "x".repeat(32), password: "a fine long password" }))).toBe("BAD_REQUEST");
    const token = await invite(db, "expired@example.test");
    await db
      .updateTable("users")
      .set({ invite_expires_at: Date.now() - 1 })
      .where("email", "=", "expired@example.test")
      .execute();
    expect(await errorCode(api.account.acceptInvite({ token, password: "a fine long password" }))).toBe("BAD_REQUEST");
    expect(hashPassword).not.toHaveBeenCalled();
    const user = await db.selectFrom("users").select("password_hash").where("email", "=", "expired@example.test").executeTakeFirstOrThrow();
    expect(user.password_hash).toBeNull();
  });

  it("a valid token sets the password once, even when the link is used twice at the same time", async () => {
    const db = use();
    const token = await invite(db, "twice@example.test");
    const api = apiAs(db, null);
    const results = await Promise.allSettled([
      api.account.acceptInvite({ token, password: "first long password" }),
      api.account.acceptInvite({ token, password: "second long password" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.code).toBe("BAD_REQUEST");
    const accepted = await db.selectFrom("audit_events").select("id").where("action", "=", "user.invite_accepted").execute();
    expect(accepted).toHaveLength(1);
  });
});
