import { describe, expect, it } from "vitest";
import { can, ROLE_PERMISSIONS } from "./permissions";
import { canReplyToTicket, canSeeNotes, canSeeTicket } from "../tickets/access";
import type { Actor } from "../context";

const actor = (role: Actor["role"], id = 1): Actor => ({ id, role, email: "x@example.test", name: "X", locale: "en" });

describe("permission catalog", () => {
  it("each role includes the one below it", () => {
    const order = ["customer", "agent", "lead", "admin"] as const;
    for (let i = 1; i < order.length; i++) {
      for (const p of ROLE_PERMISSIONS[order[i - 1]]) expect(ROLE_PERMISSIONS[order[i]].has(p), `${order[i]} ${p}`).toBe(true);
    }
  });

  it("nobody anonymous can do anything", () => {
    expect(can(null, "ticket.create")).toBe(false);
  });

  it("only admins manage users and read the outbox; leads read the audit trail", () => {
    expect(["customer", "agent", "lead", "admin"].map((r) => can(actor(r as Actor["role"]), "user.manage"))).toEqual([false, false, false, true]);
    expect(["customer", "agent", "lead", "admin"].map((r) => can(actor(r as Actor["role"]), "audit.read"))).toEqual([false, false, true, true]);
  });
});

describe("ticket rules, for every role", () => {
  const ticket = { requester_id: 7, status: "open" };
  it.each([
    ["customer who owns it", actor("customer", 7), true, true, false],
    ["another customer", actor("customer", 8), false, false, false],
    ["agent", actor("agent"), true, true, true],
    ["lead", actor("lead"), true, true, true],
    ["admin", actor("admin"), true, true, true],
    ["anonymous", null, false, false, false],
  ] as const)("%s", (_, who, see, reply, notes) => {
    expect(canSeeTicket(who, ticket)).toBe(see);
    expect(canReplyToTicket(who, ticket)).toBe(reply);
    expect(canSeeNotes(who)).toBe(notes);
  });

  it("nobody replies to a closed ticket", () => {
    expect(canReplyToTicket(actor("admin"), { requester_id: 7, status: "closed" })).toBe(false);
  });
});
