import { describe, expect, it } from "vitest";
import { insertMention, mentionAt, mentionMatches } from "./mentions";
import { matchMentions, mentionHandles } from "@/server/notifications/mentions";

const people = [
  { id: 1, name: "Anna Petrova", email: "anna@x.test" },
  { id: 2, name: "Boris Ivanov", email: "boris@x.test" },
  { id: 3, name: "Анна Смирнова", email: "a.smirnova@x.test" },
];

describe("mentions in the note box", () => {
  it.each([
    ["Please look @an", 15, { start: 12, prefix: "an" }],
    ["@", 1, { start: 0, prefix: "" }],
    ["(@Бор", 5, { start: 1, prefix: "Бор" }],
    ["mail me at a@b", 14, null],
    ["no mention here", 15, null],
  ])("finds the mention typed before the caret in %j", (text, caret, want) => {
    expect(mentionAt(text, caret)).toEqual(want);
  });

  it("offers people by the start of any of their names", () => {
    expect(mentionMatches(people, "an").map((p) => p.id)).toEqual([1]);
    expect(mentionMatches(people, "пет").map((p) => p.id)).toEqual([]);
    expect(mentionMatches(people, "смир").map((p) => p.id)).toEqual([3]);
    expect(mentionMatches(people, "").map((p) => p.id)).toEqual([1, 2, 3]);
  });

  it("inserts a handle the server matches back to the same person", () => {
    const typed = "Thanks @an, see above";
    const out = insertMention(typed, 7, 10, "Anna Petrova");
    expect(out).toEqual({ text: "Thanks @AnnaPetrova, see above", caret: 19 });
    expect(insertMention("@bo", 0, 3, "Boris Ivanov")).toEqual({ text: "@BorisIvanov ", caret: 13 });
    const cyr = insertMention("@Ан", 0, 3, "Анна Смирнова");
    for (const [text, id] of [
      [out.text, 1],
      [cyr.text, 3],
    ] as const) {
      expect(matchMentions(mentionHandles(text), people)).toEqual([id]);
    }
  });
});
