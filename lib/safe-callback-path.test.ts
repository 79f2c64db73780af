import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

const ORIGIN = "http://localhost:3000";

// Known ways out of a site through a "return to" parameter; every one must land on "/".
const BYPASSES: unknown[] = [
  "//evil.example",
  "//evil.example/x",
  "///evil.example",
  "/\\evil.example/x",
  "/%5Cevil.example/x",
  "/%5cevil.example/x",
  "\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/%09/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%0A/evil.example",
  "/%0d%0a/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/%2F%2Fevil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/./%2F/evil.example",
  "http://localhost:3000//evil.example",
  "https:evil.example",
  "http:evil.example",
  "https:/evil.example",
  "https://evil.example",
  "HTTPS://evil.example",
  "hTtP://evil.example/x",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "http://localhost:3000@evil.example",
  "http://localhost:3000@evil.example/x",
  "http://user:pass@localhost:3000/inbox",
  "http://evil.example\\@localhost:3000",
  "http://localhost:3000.evil.example/",
  "http://localhost:3001/inbox",
  "https://localhost:3000/inbox",
  "evil.example",
  "inbox",
  "?next=//evil.example",
  "#//evil.example",
  "/%00",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "/%",
  "/%E0%A4%A",
  `/${"a".repeat(3000)}`,
  "",
  5,
  null,
  undefined,
  ["/inbox"],
  { toString: () => "/inbox" },
];

const KEPT: [string, string][] = [
  ["/", "/"],
  ["/inbox", "/inbox"],
  ["/tickets/7?tab=replies#m3", "/tickets/7?tab=replies#m3"],
  ["/ru/help/articles/restore-a-backup", "/ru/help/articles/restore-a-backup"],
  ["/help/search?q=%D0%B1%D1%8D%D0%BA%D0%B0%D0%BF", "/help/search?q=%D0%B1%D1%8D%D0%BA%D0%B0%D0%BF"],
  ["/search?q=a//b", "/search?q=a//b"],
  ["/a/../inbox", "/inbox"],
  ["http://localhost:3000/inbox?view=mine", "/inbox?view=mine"],
  ["HTTP://LOCALHOST:3000/inbox", "/inbox"],
];

describe("safeCallbackPath", () => {
  it.each(BYPASSES.map((b) => [b]))("refuses %j", (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe("/");
  });

  it.each(KEPT)("keeps %j as %j", (raw, path) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe(path);
  });

  it("answers the given fallback, and refuses everything against a malformed origin", () => {
    expect(safeCallbackPath("//evil.example", ORIGIN, "/tickets")).toBe("/tickets");
    expect(safeCallbackPath("/inbox", "not a url")).toBe("/");
  });

  it("never answers anything a browser would resolve off the site", () => {
    for (const raw of BYPASSES) {
      const path = safeCallbackPath(raw, ORIGIN);
      expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
      expect(new URL(path, "https://mayak.example/deep/page").host).toBe("mayak.example");
    }
  });
});
