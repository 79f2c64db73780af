import { describe, expect, it } from "vitest";
import { formatWait } from "./wait";

describe("formatWait", () => {
  it.each([
    [0, "1 second", "1 секунду"],
    [1, "1 second", "1 секунду"],
    [2, "2 seconds", "2 секунды"],
    [5, "5 seconds", "5 секунд"],
    [21, "21 seconds", "21 секунду"],
    [30, "30 seconds", "30 секунд"],
    [59.2, "1 minute", "1 минуту"],
    [60, "1 minute", "1 минуту"],
    [61, "2 minutes", "2 минуты"],
    [900, "15 minutes", "15 минут"],
    [3540, "59 minutes", "59 минут"],
    [7199, "120 minutes", "120 минут"],
    [7200, "2 hours", "2 часа"],
    [5 * 3600, "5 hours", "5 часов"],
    [21 * 3600, "21 hours", "21 час"],
  ])("%s s: %s / %s", (seconds, en, ru) => {
    expect(formatWait("en", seconds)).toBe(en);
    expect(formatWait("ru", seconds)).toBe(ru);
  });
});
