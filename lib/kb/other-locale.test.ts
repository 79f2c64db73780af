import { describe, expect, it } from "vitest";
import { otherLocaleFor } from "./other-locale";

describe("the other language's help center for a query", () => {
  it("offers Russian for a Cyrillic query on the English side, whatever it found", () => {
    expect(otherLocaleFor("сайт взломали", "en", 0)).toBe("ru");
    expect(otherLocaleFor("бэкап сайта backup", "en", 3)).toBe("ru");
  });
  it("offers English for a Latin query that found nothing on the Russian side, not for one that found something", () => {
    expect(otherLocaleFor("password reset", "ru", 0)).toBe("en");
    expect(otherLocaleFor("vzlom", "ru", 2)).toBeNull();
  });
  it("offers nothing for a query in the page's own language", () => {
    expect(otherLocaleFor("site down", "en", 0)).toBeNull();
    expect(otherLocaleFor("сайт не работает", "ru", 0)).toBeNull();
  });
});
