import { describe, expect, it } from "vitest";
import { badRequestAnswer, badRequestTarget } from "./request-target.mjs";

describe("the request target server.mjs lets through to Next", () => {
  it.each(["/%FF", "/help/%E0%A4%A", "/%", "/tickets/%G1", "/api/trpc/kb.search,%FF?batch=1"])(
    "refuses bad percent-encoding: %s",
    (url) => {
      expect(badRequestTarget(url)).toEqual({ status: 400, reason: "The address is not valid percent-encoding" });
    },
  );

  it.each(["/%00", "/help/%01x", "/a%7F", "/%0A/evil", "/api/heartbeat/%00"])("refuses control characters: %s", (url) => {
    expect(badRequestTarget(url)).toEqual({ status: 400, reason: "The address holds a control character" });
  });

  it.each([
    "/",
    "/help/articles/restore-a-backup",
    "/ru/help",
    "/%D0%BF%D0%BE%D0%B8%D1%81%D0%BA",
    "/help/search?q=%FF",
    "/search?q=%00",
    "/api/search?q=a%20b",
  ])("lets through %s (the query is the route's to read)", (url) => {
    expect(badRequestTarget(url)).toBeNull();
  });

  it("refuses a path longer than 2048 characters or with a segment longer than a file name (414)", () => {
    const tooLong = { status: 414, reason: "The address is too long" };
    expect(badRequestTarget(`/help/articles/${"a".repeat(256)}`)).toEqual(tooLong);
    expect(badRequestTarget(`/${"a/".repeat(1100)}`)).toEqual(tooLong);
    expect(badRequestTarget(`/help/articles/${"a".repeat(255)}?q=${"b".repeat(5000)}`)).toBeNull();
  });

  it("answers JSON under /api/ and text elsewhere", () => {
    expect(badRequestAnswer("/api/x/%FF", { status: 400, reason: "why" })).toEqual({
      status: 400,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
      body: '{"error":"why"}',
    });
    expect(badRequestAnswer("/help/%FF", { status: 400, reason: "why" }).body).toBe("Bad request: why.\n");
  });
});
