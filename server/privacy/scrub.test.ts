import { describe, expect, it } from "vitest";
import { auditNeedles, containsAny, erasedEmail, scrubText } from "./scrub";

const anna = { email: "anna@example.com", name: "Anna Petrova" };

describe("scrubText", () => {
  it.each([
    ["Hi, I'm Anna Petrova, anna@example.com", "Hi, I'm [removed], [removed]"],
    ["ANNA@EXAMPLE.COM wrote", "[removed] wrote"],
    ["anna petrova in lower case", "[removed] in lower case"],
    ["Thanks Anna!", "Thanks [removed]!"],
    ["Petrova called", "[removed] called"],
    // Parts of the name go only as whole words with their own case.
    ["annals of Annapolis, anna", "annals of Annapolis, anna"],
    ["nothing personal here", "nothing personal here"],
  ])("%s", (text, expected) => {
    expect(scrubText(text, anna)).toBe(expected);
  });

  it("takes names and addresses literally, in any script", () => {
    expect(scrubText("Спасибо, Анна Петрова! Анна, ответ (a.b+c@x.test)", { email: "a.b+c@x.test", name: "Анна Петрова" })).toBe(
      "Спасибо, [removed]! [removed], ответ ([removed])",
    );
    expect(scrubText("Will will do it", { email: "w@x.test", name: "Will Smith" })).toBe("[removed] will do it");
    expect(scrubText("a.b.c stays", { email: "zz@x.test", name: "a.b" })).toBe("[removed].c stays");
  });
});

describe("audit needles", () => {
  it("looks for the email and name as typed and JSON-escaped, in lower case", () => {
    const n = auditNeedles({ email: "A@X.test", name: 'Jo "JJ" Doe' });
    expect(n.email).toEqual(["a@x.test"]);
    expect(n.name).toEqual(['jo "jj" doe', 'jo \\"jj\\" doe']);
    expect(containsAny('{"name":"Jo \\"JJ\\" Doe"}', n.name)).toBe(true);
    expect(containsAny(null, n.email)).toBe(false);
  });

  it("ignores a one-letter name and tells a distinctive one apart", () => {
    expect(auditNeedles({ email: "a@x.test", name: "A" }).name).toEqual([]);
    expect(auditNeedles(anna).distinctiveName).toBe(true);
    expect(auditNeedles({ email: "a@x.test", name: "Anna" }).distinctiveName).toBe(false);
  });

  it("makes unique addresses that cannot receive mail", () => {
    expect(erasedEmail(12, "ab12")).toBe("erased-12-ab12@erased.invalid");
  });
});
