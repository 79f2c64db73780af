import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { MAX_PASSWORD_LENGTH, assertPasswordPolicy, checkPassword, personalWords } from "./password-policy";
import { en } from "@/lib/i18n/en";
import { ru } from "@/lib/i18n/ru";

const dana = { name: "Dana Whitfield", email: "dana.whitfield@example.com" };
const olga = { name: "Ольга Кузнецова", email: "olga.k@example.ru" };

describe("password policy", () => {
  it.each([
    // [password, who, expected problems (first ones, in order)]
    ["short1!", dana, ["err.password.short"]],
    ["x".repeat(201), dana, ["err.password.long"]],
    ["password12", dana, ["password.err.weak", "password.warning.common"]],
    ["qwertyuiop", dana, ["password.err.weak", "password.warning.topHundred"]],
    ["1234567890", dana, ["password.err.weak", "password.warning.topHundred"]],
    ["aaaaaaaaaaaa", dana, ["password.err.weak", "password.warning.simpleRepeat"]],
    ["пароль12345", olga, ["password.err.weak"]],
    ["йцукенгшщз", olga, ["password.err.weak"]],
    // Derived from the person's name, email or the site.
    ["danawhitfield1990", dana, ["password.err.derived"]],
    ["Dana Whitfield 1990", dana, ["password.err.derived"]],
    ["Whitfield-Dana-7", dana, ["password.err.derived"]],
    ["dana.whitfield@example", dana, ["password.err.derived"]],
    ["Кузнецова1985!", olga, ["password.err.derived"]],
    ["mayak-support-2026", dana, ["password.err.derived"]],
    ["mayakmayak12", dana, ["password.err.derived"]],
  ] as const)("refuses %j", (password, who, problems) => {
    const verdict = checkPassword(password, who);
    expect(verdict.ok).toBe(false);
    expect(verdict.score).toBeLessThan(3);
    expect(verdict.problems.slice(0, problems.length)).toEqual(problems);
  });

  it.each([
    ["correct horse battery staple", dana],
    ["river-lamp-orbit-42", dana],
    ["Tr0ub4dour&3xyz-plank", dana],
    ["снег падает на старый маяк", olga],
    ["Dana likes purple tractors", dana],
  ] as const)("accepts %j", (password, who) => {
    expect(checkPassword(password, who)).toMatchObject({ ok: true, problems: [] });
  });

  it("the same password can pass for one person and fail for another", () => {
    expect(checkPassword("Whitfield#77dana", dana)).toMatchObject({ ok: false, problems: ["password.err.derived"] });
    expect(checkPassword("Whitfield#77dana", olga)).toMatchObject({ ok: true });
  });

  it("penalises the name, its parts, the email's local part and its parts, the domain and the site", () => {
    expect(personalWords(dana)).toEqual(
      expect.arrayContaining(["mayak", "маяк", "dana whitfield", "danawhitfield", "dana", "whitfield", "dana.whitfield", "example"]),
    );
  });

  // zxcvbn runs on the request's thread, so the length cap is what bounds its work; how long these take is a
  // figure for a benchmark on a quiet machine, not a test's assertion.
  it("judges long and awkward input up to the length cap, and refuses longer input before zxcvbn sees it", () => {
    for (const p of ["1qaz2wsx3edc".repeat(16), "ab1".repeat(66), "Ltl1yr9UU9+rYdRJlXiE".repeat(10)]) {
      expect(p.length).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
      expect(checkPassword(p, dana).score).toBeGreaterThanOrEqual(0);
    }
    expect(checkPassword("a".repeat(MAX_PASSWORD_LENGTH + 1), dana)).toEqual({ ok: false, score: 0, problems: ["err.password.long"] });
  });

  it("throws WEAK_PASSWORD with every problem as the field's messages, each translated in both languages", () => {
    let error: unknown;
    try {
      assertPasswordPolicy("password12", dana);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe("WEAK_PASSWORD");
    expect(e.field).toBe("password");
    expect(e.fieldMessages).toEqual([en["password.err.weak"], en["password.warning.common"], en["password.suggestion.anotherWord"]]);
    expect(() => assertPasswordPolicy("correct horse battery staple", dana)).not.toThrow();
  });

  it("every problem it can name has an English and a Russian sentence of its own", () => {
    const keys = Object.keys(en).filter((k) => /^(password\.(err|warning|suggestion)|err\.password)\./.test(k)) as (keyof typeof en)[];
    expect(keys.length).toBeGreaterThan(30);
    for (const k of keys) {
      expect(ru[k], k).toBeTruthy();
      expect(ru[k], k).not.toBe(en[k]);
    }
    // The API puts an error into Russian by its English text, so each must be unique.
    const sentences = Object.values(en) as string[];
    for (const k of keys)
      expect(
        sentences.filter((s) => s === en[k]),
        k,
      ).toHaveLength(1);
  });
});
