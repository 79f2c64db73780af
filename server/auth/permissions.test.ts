import { describe, expect, it } from "vitest";
import { can, permissionsOf, ROLE_PERMISSIONS, rolesWith, STAFF_ROLES } from "./permissions";
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
    expect(["customer", "agent", "lead", "admin"].map((r) => can(actor(r as Actor["role"]), "user.manage"))).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(["customer", "agent", "lead", "admin"].map((r) => can(actor(r as Actor["role"]), "audit.read"))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it("names the roles that hold a permission, and what one actor may do", () => {
    expect(STAFF_ROLES).toEqual(["agent", "lead", "admin"]);
    expect(rolesWith("alert.ack")).toEqual(["agent", "lead", "admin"]);
    expect(rolesWith("ticket.reply")).toEqual(["agent", "lead", "admin"]);
    expect(rolesWith("monitor.manage")).toEqual(["lead", "admin"]);
    expect(rolesWith("ticket.create")).toEqual(["customer", "agent", "lead", "admin"]);
    expect(permissionsOf(actor("customer"))).toEqual(["ticket.create", "ticket.read.own", "ticket.reply.own"]);
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
