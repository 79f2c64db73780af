import { describe, expect, it } from "vitest";
import { LANGUAGE } from "./orama-index";
import { collapseRepeats, latinToCyrillic } from "./word-forms";

const en = LANGUAGE.en.stem;
const ru = LANGUAGE.ru.stem;

describe("word forms the stemmers leave apart", () => {
  it("joins English adverbs with their adjectives, and leaves -ply and -ily words alone", () => {
    expect(en("slowly")).toBe(en("slow"));
    expect(en("nightly")).toBe(en("night"));
    expect(en("apply")).toBe("appli");
    expect(en("daily")).toBe("daili");
  });
  it("joins Russian past tense, infinitive and participle with the noun", () => {
    expect(ru("взломали")).toBe(ru("взлом"));
    expect(ru("взломать")).toBe(ru("взлом"));
    expect(ru("взломанный")).toBe(ru("взлом"));
    expect(ru("работает")).toBe(ru("работа"));
    // A noun is untouched.
    expect(ru("загрузка")).toBe("загрузк");
  });
  it("reads Latin spellings of Russian and collapses held-down letters", () => {
    expect(latinToCyrillic("vzlom")).toBe("взлом");
    expect(latinToCyrillic("sajt")).toBe("сайт");
    expect(latinToCyrillic("sayt")).toBe("сайт");
    expect(latinToCyrillic("parol")).toBe("парол");
    expect(latinToCyrillic("shchit")).toBe("щит");
    expect(latinToCyrillic("2fa")).toBeNull();
    expect(collapseRepeats("sloooow")).toBe("slow");
    expect(collapseRepeats("all")).toBe("all");
  });
});
