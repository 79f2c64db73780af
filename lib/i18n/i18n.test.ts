import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ru } from "./ru";
import { translate } from "./index";

describe("translations", () => {
  it("Russian has every English key and no extra ones", () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it("keeps the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(ru[key]), key).toEqual(names(en[key]));
    }
  });

  it("fills placeholders and leaves unknown ones", () => {
    expect(translate("ru", "ticket.heading", { id: 42 })).toBe("Обращение №42");
    expect(translate("en", "ticket.heading")).toBe("Ticket #{id}");
  });
});
