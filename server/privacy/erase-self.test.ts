import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode } from "@/tests/factories";
import type { Actor } from "../context";
import { verifyAuditChain } from "../audit/verify-chain";
import { getActorById } from "../users/get-actor";
import { fieldErrorsOf } from "../trpc/errors";
import { signUpAndConfirm } from "@/tests/accounts";
import { snapshot } from "./test-snapshot";

describeEachDialect("a customer deletes their own account", (use) => {
  let bob: Actor;
  const PASSWORD = "bobs-long-password";

  beforeAll(async () => {
    const db = use();
    const { id } = await signUpAndConfirm(db, { email: "bob.builder@example.com", password: PASSWORD, name: "Bob Builder" });
    bob = { id, role: "customer", email: "bob.builder@example.com", name: "Bob Builder", locale: "en" };
    await apiAs(db, bob).tickets.create({ subject: "Bob Builder's broken cart", description: "The cart forgets what Bob put in it." });
  });

  it("a wrong password is refused with a field error, audited, and erases nothing", async () => {
    const db = use();
    const before = await snapshot(db);
    let error: unknown;
    try {
      await apiAs(db, bob).privacy.deleteMyAccount({ password: "not my password" });
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(fieldErrorsOf((error as { cause?: unknown }).cause)).toEqual({ password: ["Wrong password"] });
    expect(await errorCode(apiAs(db, bob).privacy.deleteMyAccount({ password: "" }))).toBe("BAD_REQUEST");
    const after = await snapshot(db);
    expect({ ...after, audit: after.audit.slice(0, -1) }).toEqual(before);
    const refused = await db
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(refused).toEqual({ action: "privacy.self_erase_refused", actor_id: bob.id });
  });

  it("with the right password the account is erased at once, and the erasure event keeps no address", async () => {
    const db = use();
    const report = await apiAs(db, bob).privacy.deleteMyAccount({ password: PASSWORD });
    expect(report).toMatchObject({ userId: bob.id, tickets: 1, ticketsClosed: 1 });
    expect(await getActorById(db, bob.id)).toBeNull();
    const event = await db.selectFrom("audit_events").selectAll().where("action", "=", "privacy.user_erased").executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_id: bob.id, entity_id: String(bob.id), ip: "", user_agent: "" });
    expect(JSON.parse(event.after_json!)).toMatchObject({ by: "self" });
    const ticket = await db
      .selectFrom("tickets")
      .select(["subject", "description"])
      .where("requester_id", "=", bob.id)
      .executeTakeFirstOrThrow();
    expect(ticket).toEqual({ subject: "[removed]'s broken cart", description: "The cart forgets what [removed] put in it." });
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const audit = (await db.selectFrom("audit_events").selectAll().execute()).map((r) => JSON.stringify(r).toLowerCase());
    expect(audit.filter((t) => t.includes("bob.builder") || t.includes("bob builder"))).toEqual([]);
  });
});
