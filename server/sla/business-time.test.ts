import { describe, expect, it } from "vitest";
import {
  ALWAYS_OPEN,
  CalendarClosedError,
  addBusinessMinutes,
  businessMinutesBetween,
  zonedToInstant,
  type Calendar,
  type OpenRange,
} from "./business-time";

const z = (s: string) => Date.parse(s);
const weekdays = (ranges: OpenRange[]): OpenRange[][] => [[], ranges, ranges, ranges, ranges, ranges, []];

/** Mon–Fri 09:00–12:00 and 13:00–17:00 in Berlin; Good Friday 2026, Christmas every year, 1 May 2026. */
const EU: Calendar = {
  timeZone: "Europe/Berlin",
  week: weekdays([
    [540, 720],
    [780, 1020],
  ]),
  holidays: [{ from: "2026-04-03" }, { from: "2000-12-24", to: "2000-12-26", yearly: true }, { from: "2026-05-01", to: "2026-05-01" }],
};
const BERLIN_24_7: Calendar = {
  timeZone: "Europe/Berlin",
  week: Array.from({ length: 7 }, () => [[0, 1440]] as OpenRange[]),
  holidays: [],
};
/** A night shift in New York: Mon–Fri 22:00 to 06:00 the next morning. */
const NIGHTS: Calendar = {
  timeZone: "America/New_York",
  week: [
    [],
    [[1320, 1440]],
    [
      [0, 360],
      [1320, 1440],
    ],
    [
      [0, 360],
      [1320, 1440],
    ],
    [
      [0, 360],
      [1320, 1440],
    ],
    [
      [0, 360],
      [1320, 1440],
    ],
    [[0, 360]],
  ],
  holidays: [],
};
/** 02:00–04:00 every day in Berlin: the hour clocks skip and the hour they repeat. */
const SMALL_HOURS: Calendar = {
  timeZone: "Europe/Berlin",
  week: Array.from({ length: 7 }, () => [[120, 240]] as OpenRange[]),
  holidays: [],
};
/** Yearly range across New Year. */
const NEW_YEAR: Calendar = { ...EU, holidays: [{ from: "2000-12-31", to: "2001-01-02", yearly: true }] };

describe("addBusinessMinutes", () => {
  const cases: [string, Calendar, string, number, string][] = [
    ["inside one range", EU, "2026-03-02T09:00:00Z", 60, "2026-03-02T10:00:00Z"],
    ["over lunch (several ranges a day)", EU, "2026-03-02T10:30:00Z", 60, "2026-03-02T12:30:00Z"],
    ["over the weekend", EU, "2026-03-06T15:00:00Z", 120, "2026-03-09T09:00:00Z"],
    ["zero from a Saturday: the next open minute", EU, "2026-03-07T11:00:00Z", 0, "2026-03-09T08:00:00Z"],
    ["before opening", EU, "2026-03-02T05:00:00Z", 30, "2026-03-02T08:30:00Z"],
    ["a holiday date", EU, "2026-04-02T14:30:00Z", 60, "2026-04-06T07:30:00Z"],
    ["a yearly holiday range", EU, "2026-12-23T15:00:00Z", 120, "2026-12-28T09:00:00Z"],
    ["a yearly range across New Year", NEW_YEAR, "2026-12-30T15:00:00Z", 120, "2027-01-04T09:00:00Z"],
    ["a single-day range", EU, "2026-04-30T15:00:00Z", 60, "2026-05-04T08:00:00Z"],
    ["DST forward over the weekend", EU, "2026-03-27T15:00:00Z", 120, "2026-03-30T08:00:00Z"],
    ["DST back over the weekend", EU, "2026-10-23T14:00:00Z", 120, "2026-10-26T09:00:00Z"],
    ["24/7 across the skipped hour", BERLIN_24_7, "2026-03-28T22:00:00Z", 180, "2026-03-29T01:00:00Z"],
    ["24/7 across the repeated hour", BERLIN_24_7, "2026-10-24T22:00:00Z", 300, "2026-10-25T03:00:00Z"],
    ["calendar time (UTC, always open)", ALWAYS_OPEN, "2026-03-07T11:00:00Z", 1440, "2026-03-08T11:00:00Z"],
    ["across midnight (night shift)", NIGHTS, "2026-03-03T04:00:00Z", 120, "2026-03-03T06:00:00Z"],
    ["night shift ends Saturday 06:00, resumes Monday 22:00 (after US DST)", NIGHTS, "2026-03-07T12:00:00Z", 60, "2026-03-10T03:00:00Z"],
    ["range that starts in the skipped hour", SMALL_HOURS, "2026-03-28T23:00:00Z", 30, "2026-03-29T01:30:00Z"],
  ];
  it.each(cases)("%s", (_name, cal, start, minutes, due) => {
    expect(new Date(addBusinessMinutes(cal, z(start), minutes)).toISOString()).toBe(new Date(z(due)).toISOString());
  });

  it("composes: adding a then b equals adding a + b", () => {
    const start = z("2026-03-05T16:10:00Z");
    for (const [a, b] of [
      [0, 50],
      [50, 0],
      [170, 10],
      [420, 421],
      [1000, 3333],
    ])
      expect(addBusinessMinutes(EU, addBusinessMinutes(EU, start, a), b)).toBe(addBusinessMinutes(EU, start, a + b));
  });

  it("refuses a calendar with no hours at all", () => {
    expect(() => addBusinessMinutes({ timeZone: "UTC", week: [[], [], [], [], [], [], []], holidays: [] }, 0, 1)).toThrow(
      CalendarClosedError,
    );
  });
});

describe("businessMinutesBetween", () => {
  const cases: [string, Calendar, string, string, number][] = [
    ["Monday 10:00 to Tuesday 10:00", EU, "2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z", 420],
    ["Friday 16:00 to Monday 10:00", EU, "2026-03-06T15:00:00Z", "2026-03-09T09:00:00Z", 120],
    ["over lunch", EU, "2026-03-02T10:00:00Z", "2026-03-02T13:00:00Z", 120],
    ["a whole week with a holiday", EU, "2026-03-30T00:00:00Z", "2026-04-06T00:00:00Z", 4 * 420],
    ["the 23-hour day", BERLIN_24_7, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 1380],
    ["the 25-hour day", BERLIN_24_7, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 1500],
    ["only the hour after the skipped one", SMALL_HOURS, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 60],
    ["the repeated hour counts twice", SMALL_HOURS, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 180],
    ["across midnight", NIGHTS, "2026-03-03T02:00:00Z", "2026-03-03T12:00:00Z", 480],
    ["backwards is zero", EU, "2026-03-03T09:00:00Z", "2026-03-02T09:00:00Z", 0],
  ];
  it.each(cases)("%s", (_name, cal, from, to, minutes) => {
    expect(businessMinutesBetween(cal, z(from), z(to))).toBe(minutes);
  });

  it("is the inverse of adding", () => {
    const start = z("2026-03-26T10:17:00Z");
    for (const m of [1, 59, 420, 2000]) expect(businessMinutesBetween(EU, start, addBusinessMinutes(EU, start, m))).toBe(m);
  });
});

describe("zonedToInstant", () => {
  it("moves a skipped local time forward by the gap and takes the first of a repeated one", () => {
    expect(zonedToInstant({ year: 2026, month: 3, day: 29 }, 150, "Europe/Berlin")).toBe(z("2026-03-29T01:30:00Z"));
    expect(zonedToInstant({ year: 2026, month: 10, day: 25 }, 150, "Europe/Berlin")).toBe(z("2026-10-25T00:30:00Z"));
    expect(zonedToInstant({ year: 2026, month: 7, day: 1 }, 0, "Asia/Kolkata")).toBe(z("2026-06-30T18:30:00Z"));
  });
});
