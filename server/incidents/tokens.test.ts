import { describe, expect, it } from "vitest";
import { scoreTicket, tokenize } from "./tokens";

describe("tokenize", () => {
  it("keeps words in both languages, drops short and common ones, and stems crudely", () => {
    expect([...tokenize("The payments API is down for us")]).toEqual(["payme", "api", "down"]);
    expect(tokenize("Оплата не проходит, оплаты висят").has("оплат")).toBe(true);
    expect(tokenize("Ёлка").has("елка")).toBe(true);
    expect(tokenize("что это")).toEqual(new Set());
  });
});

describe("scoreTicket", () => {
  const input = { incidentWords: tokenize("Payments failing at checkout"), componentNames: [tokenize("Billing Биллинг")] };
  it("counts shared words and component mentions", () => {
    expect(scoreTicket("My payment keeps failing", input).score).toBe(2);
    expect(scoreTicket("Биллинг не работает", input)).toMatchObject({ score: 3, components: 1 });
    expect(scoreTicket("How do I change my avatar?", input).score).toBe(0);
  });
});
