import { describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { makeUser } from "@/tests/factories";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { parseRoleMap } from "../auth/oidc-config";
import { emailDomainAllowed, readClaim, roleFromClaims, signInWithSso, type SsoPolicy } from "./sign-in-with-sso";
import { getActorById } from "./get-actor";

const MAP = parseRoleMap("mayak-admins=admin, mayak-leads=lead, support=agent");
const ISSUER = "https://login.corp.example";

describe("role claim mapping", () => {
  it("maps a list of groups to the highest role among the mapped ones", () => {
    expect(roleFromClaims({ groups: ["support"] }, "groups", MAP)).toBe("agent");
    expect(roleFromClaims({ groups: ["support", "mayak-leads", "everyone"] }, "groups", MAP)).toBe("lead");
    expect(roleFromClaims({ groups: ["mayak-admins", "support"] }, "groups", MAP)).toBe("admin");
  });

  it("maps a single string claim", () => {
    expect(roleFromClaims({ mayak_role: "mayak-leads" }, "mayak_role", MAP)).toBe("lead");
  });

  it("gives no role for unmapped, missing, non-string or differently cased values, or no claim configured", () => {
    expect(roleFromClaims({ groups: ["everyone"] }, "groups", MAP)).toBeNull();
    expect(roleFromClaims({}, "groups", MAP)).toBeNull();
    expect(roleFromClaims({ groups: [{ name: "mayak-admins" }, 3, null] }, "groups", MAP)).toBeNull();
    expect(roleFromClaims({ groups: ["MAYAK-ADMINS"] }, "groups", MAP)).toBeNull();
    expect(roleFromClaims({ groups: ["mayak-admins"] }, undefined, MAP)).toBeNull();
    expect(roleFromClaims({ groups: ["mayak-admins"] }, "groups", [])).toBeNull();
  });

  it("reads a namespaced claim by its exact name, and a nested one by a dotted path", () => {
    expect(readClaim({ "https://corp.example/roles": ["support"] }, "https://corp.example/roles")).toEqual(["support"]);
    expect(roleFromClaims({ realm_access: { roles: ["mayak-leads"] } }, "realm_access.roles", MAP)).toBe("lead");
    expect(readClaim({ realm_access: ["x"] }, "realm_access.roles")).toBeUndefined();
  });
});

describe("email domain allow-list", () => {
  it("allows any domain when the list is empty, otherwise exactly the listed ones", () => {
    expect(emailDomainAllowed("a@anything.example", [])).toBe(true);
    expect(emailDomainAllowed("a@corp.example", ["corp.example"])).toBe(true);
    expect(emailDomainAllowed("a@sub.corp.example", ["corp.example"])).toBe(false);
    expect(emailDomainAllowed("a@corp.example.evil", ["corp.example"])).toBe(false);
    expect(emailDomainAllowed("a@evilcorp.example", ["corp.example"])).toBe(false);
  });
});

const ctx: RequestCtx = { actor: null, ip: "203.0.113.5", userAgent: "vitest", now: () => 1_800_000_000_000 };
const policy = (over: Partial<SsoPolicy> = {}): SsoPolicy => ({
  issuer: ISSUER,
  jit: false,
  roleClaim: "groups",
  roleMap: MAP,
  allowedDomains: [],
  ...over,
});
let n = 0;
const claimsFor = (email: string, over: Record<string, unknown> = {}) => ({
  sub: `sub-${++n}`,
  email,
  email_verified: true,
  name: "Pat Doe",
  ...over,
});
const unique = (local: string, domain = "corp.example") => `${local}-${++n}@${domain}`;

async function auditOf(db: DB, entityId: string | number) {
  const rows = await db.selectFrom("audit_events").selectAll().where("entity_id", "=", String(entityId)).orderBy("id").execute();
  return rows.map((r) => ({
    action: r.action,
    actor: r.actor_id,
    ip: r.ip,
    after: JSON.parse(r.after_json ?? "null") as Record<string, unknown> | null,
  }));
}

async function userByEmail(db: DB, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

describeEachDialect("signInWithSso", (use) => {
  it("signs in the staff account with the verified email, audits it with the actor, and keeps its role", async () => {
    const db = use();
    const agent = await makeUser(db, "agent", { email: unique("agent") });
    // The claim says admin: an existing account keeps the role Mayak gave it.
    const out = await signInWithSso(db, ctx, policy(), claimsFor(agent.email.toUpperCase(), { groups: ["mayak-admins"] }));
    expect(out).toEqual({ kind: "signed-in", created: false, actor: expect.objectContaining({ id: agent.id, role: "agent" }) });
    expect((await userByEmail(db, agent.email))?.last_sign_in_at).toBe(ctx.now());
    expect(await auditOf(db, agent.id)).toEqual([
      { action: "auth.signed_in", actor: agent.id, ip: "203.0.113.5", after: expect.objectContaining({ method: "oidc", issuer: ISSUER }) },
    ]);
  });

  it("accepts a pending invitation: the invited account signs in, the invitation link stops working", async () => {
    const db = use();
    const invited = await makeUser(db, "lead", { email: unique("invited") });
    await db
      .updateTable("users")
      .set({ password_hash: null, invite_token_hash: "h".repeat(64), invite_expires_at: 1 })
      .where("id", "=", invited.id)
      .execute();
    expect(await getActorById(db, invited.id)).toBeNull();
    const out = await signInWithSso(db, ctx, policy(), claimsFor(invited.email));
    expect(out).toMatchObject({ kind: "signed-in", created: false, actor: { id: invited.id, role: "lead" } });
    const row = await userByEmail(db, invited.email);
    expect(row).toMatchObject({ invite_token_hash: null, invite_expires_at: null });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await getActorById(db, invited.id)).toMatchObject({ id: invited.id });
    expect((await auditOf(db, invited.id)).map((e) => [e.action, e.actor])).toEqual([
      ["user.invite_accepted", invited.id],
      ["auth.signed_in", invited.id],
    ]);
    // A later sign-in changes nothing more.
    await signInWithSso(db, ctx, policy(), claimsFor(invited.email));
    expect((await userByEmail(db, invited.email))!.password_hash).toBe(row!.password_hash);
  });

  it("with JIT off, refuses an address that has no account, creates nothing and audits the refusal without an actor", async () => {
    const db = use();
    const email = unique("newcomer");
    const out = await signInWithSso(db, ctx, policy({ jit: false }), claimsFor(email, { groups: ["mayak-admins"] }));
    expect(out).toEqual({ kind: "refused", reason: "no_account" });
    expect(await userByEmail(db, email)).toBeUndefined();
    expect(await auditOf(db, email)).toEqual([
      {
        action: "auth.sign_in_failed",
        actor: null,
        ip: "203.0.113.5",
        after: expect.objectContaining({ reason: "no_account", method: "oidc" }),
      },
    ]);
  });

  it("with JIT on, creates the account with the mapped role (a password nobody knows) and signs it in, auditing both in one go", async () => {
    const db = use();
    for (const [groups, role] of [
      [["support"], "agent"],
      [["support", "mayak-leads"], "lead"],
      [["mayak-admins"], "admin"],
    ] as const) {
      const email = unique("jit");
      const out = await signInWithSso(db, ctx, policy({ jit: true }), claimsFor(email, { groups, name: "Jo Jit", locale: "ru-RU" }));
      expect(out).toMatchObject({ kind: "signed-in", created: true, actor: { role, email, name: "Jo Jit", locale: "ru" } });
      const row = await userByEmail(db, email);
      expect(row).toMatchObject({ role, disabled: 0, invite_token_hash: null, last_sign_in_at: ctx.now() });
      // Not an invitation waiting for its password: the session works.
      expect(row!.password_hash).toMatch(/^\$argon2id\$/);
      expect(await getActorById(db, row!.id)).toMatchObject({ id: row!.id, role });
      expect((await auditOf(db, row!.id)).map((e) => [e.action, e.actor])).toEqual([
        ["user.sso_created", row!.id],
        ["auth.signed_in", row!.id],
      ]);
    }
  });

  it("with JIT on, a second sign-in finds the account it created", async () => {
    const db = use();
    const email = unique("again");
    const first = await signInWithSso(db, ctx, policy({ jit: true }), claimsFor(email, { groups: ["support"] }));
    const second = await signInWithSso(db, ctx, policy({ jit: true }), claimsFor(email, { groups: ["support"] }));
    expect(second).toMatchObject({ kind: "signed-in", created: false, actor: { id: first.kind === "signed-in" ? first.actor.id : -1 } });
  });

  it("with JIT on, refuses when the role claim maps to nothing: never a customer, never an admin by default", async () => {
    const db = use();
    for (const claims of [{ groups: ["everyone"] }, { groups: [] }, {}, { groups: "customer" }, { mayak_role: "admin" }]) {
      const email = unique("nomap");
      const out = await signInWithSso(db, ctx, policy({ jit: true }), claimsFor(email, claims));
      expect(out).toEqual({ kind: "refused", reason: "no_role" });
      expect(await userByEmail(db, email)).toBeUndefined();
    }
  });

  it("refuses an email the provider did not verify, whatever the account", async () => {
    const db = use();
    const admin = await makeUser(db, "admin", { email: unique("admin") });
    for (const verified of [false, undefined, "false", "yes", 1]) {
      const out = await signInWithSso(
        db,
        ctx,
        policy({ jit: true }),
        claimsFor(admin.email, { email_verified: verified, groups: ["support"] }),
      );
      expect(out).toEqual({ kind: "refused", reason: "email_unverified" });
    }
    const jitEmail = unique("unverified");
    await signInWithSso(db, ctx, policy({ jit: true }), claimsFor(jitEmail, { email_verified: false, groups: ["support"] }));
    expect(await userByEmail(db, jitEmail)).toBeUndefined();
    // The string some providers send counts.
    expect(await signInWithSso(db, ctx, policy(), claimsFor(admin.email, { email_verified: "true" }))).toMatchObject({ kind: "signed-in" });
  });

  it("refuses claims without a usable email or subject", async () => {
    const db = use();
    expect(await signInWithSso(db, ctx, policy({ jit: true }), { sub: "x", email_verified: true, groups: ["support"] })).toEqual({
      kind: "refused",
      reason: "email_missing",
    });
    expect(await signInWithSso(db, ctx, policy({ jit: true }), { sub: "x", email: "not an email", email_verified: true })).toEqual({
      kind: "refused",
      reason: "email_missing",
    });
    expect(await signInWithSso(db, ctx, policy({ jit: true }), { email: unique("nosub"), email_verified: true })).toEqual({
      kind: "refused",
      reason: "email_missing",
    });
  });

  it("refuses a disabled or erased account, and audits it against that account", async () => {
    const db = use();
    const disabled = await makeUser(db, "lead", { email: unique("disabled") });
    await db.updateTable("users").set({ disabled: 1 }).where("id", "=", disabled.id).execute();
    expect(await signInWithSso(db, ctx, policy({ jit: true }), claimsFor(disabled.email, { groups: ["mayak-leads"] }))).toEqual({
      kind: "refused",
      reason: "disabled",
    });
    expect((await auditOf(db, disabled.id)).at(-1)).toMatchObject({
      action: "auth.sign_in_failed",
      actor: null,
      after: { reason: "disabled" },
    });
    expect((await userByEmail(db, disabled.email))?.last_sign_in_at).toBeNull();

    const erased = await makeUser(db, "agent", { email: unique("erased") });
    await db.updateTable("users").set({ erased_at: 1 }).where("id", "=", erased.id).execute();
    expect(await signInWithSso(db, ctx, policy(), claimsFor(erased.email))).toEqual({ kind: "refused", reason: "disabled" });
  });

  it("refuses a customer account with the same email: single sign-on is for staff", async () => {
    const db = use();
    const customer = await makeUser(db, "customer", { email: unique("customer") });
    const out = await signInWithSso(db, ctx, policy({ jit: true }), claimsFor(customer.email, { groups: ["mayak-admins"] }));
    expect(out).toEqual({ kind: "refused", reason: "not_staff" });
    expect((await userByEmail(db, customer.email))?.role).toBe("customer");
  });

  it("refuses addresses outside the allowed domains, for existing accounts and for JIT", async () => {
    const db = use();
    const outsider = await makeUser(db, "admin", { email: unique("admin", "contractor.example") });
    const allowed = policy({ jit: true, allowedDomains: ["corp.example"] });
    expect(await signInWithSso(db, ctx, allowed, claimsFor(outsider.email))).toEqual({ kind: "refused", reason: "domain_not_allowed" });
    const sub = unique("jit", "eu.corp.example");
    expect(await signInWithSso(db, ctx, allowed, claimsFor(sub, { groups: ["support"] }))).toEqual({
      kind: "refused",
      reason: "domain_not_allowed",
    });
    expect(await userByEmail(db, sub)).toBeUndefined();
    expect(await signInWithSso(db, ctx, allowed, claimsFor(unique("jit"), { groups: ["support"] }))).toMatchObject({
      kind: "signed-in",
      created: true,
    });
  });

  it("two first sign-ins at once create one account and both sign in to it", async () => {
    const db = use();
    const email = unique("race");
    const [a, b] = await Promise.all([
      signInWithSso(db, ctx, policy({ jit: true }), claimsFor(email, { groups: ["support"] })),
      signInWithSso(db, ctx, policy({ jit: true }), claimsFor(email, { groups: ["support"] })),
    ]);
    const id = (await userByEmail(db, email))!.id;
    expect([a, b].map((o) => (o.kind === "signed-in" ? o.actor.id : o.reason))).toEqual([id, id]);
    expect([a, b].filter((o) => o.kind === "signed-in" && o.created)).toHaveLength(1);
  });
});
