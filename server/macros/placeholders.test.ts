import { describe, expect, it } from "vitest";
import { firstName, renderMacro, unknownPlaceholders } from "./placeholders";

const ctx = {
  requester: { name: "Anna Petrova", email: "anna@example.test" },
  ticket: { id: 123, subject: "Invoice missing" },
  agent: { name: "Boris" },
};

describe("macro placeholders", () => {
  it("fills every known placeholder, with or without spaces inside the braces", () => {
    expect(renderMacro("Hi {{requester.firstName}}, about #{{ ticket.id }} ({{ticket.subject}}). {{agent.firstName}}", ctx)).toBe(
      "Hi Anna, about #123 (Invoice missing). Boris",
    );
    expect(renderMacro("{{requester.name}} <{{requester.email}}> / {{agent.name}}", ctx)).toBe("Anna Petrova <anna@example.test> / Boris");
  });

  it("finds unknown placeholders, once each, and an unclosed one", () => {
    expect(unknownPlaceholders("Hi {{requester.firstName}}")).toEqual([]);
    expect(unknownPlaceholders("Hi {{requester.first_name}} {{ticket.number}} {{ticket.number}}")).toEqual([
      "requester.first_name",
      "ticket.number",
    ]);
    expect(unknownPlaceholders("Hi {{requester.firstName")).toEqual(["{{"]);
    expect(unknownPlaceholders("Hi {{}}")).toEqual([""]);
    expect(unknownPlaceholders("Plain text with {single} braces")).toEqual([]);
  });

  it("takes the first word of a name as the first name", () => {
    expect(firstName("  Мария  Иванова ")).toBe("Мария");
    expect(firstName("Cher")).toBe("Cher");
  });

  it("leaves an unknown placeholder of an old macro as written", () => {
    expect(renderMacro("{{nope}} {{ticket.id}}", ctx)).toBe("{{nope}} 123");
  });
});
