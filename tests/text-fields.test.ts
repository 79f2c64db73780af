import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CATEGORY_SLUGS } from "@/lib/kb/categories";
import { ZAcceptInvite, ZEmail, ZInvite, ZSignUp } from "@/server/users/schemas";
import { ZAddMessage, ZCreateTicket } from "@/server/tickets/schemas";
import { ZArticleFields, ZFeedback, ZPreviewArticle, ZSearchQuery } from "@/server/kb/schemas";
import {
  ZMergeIncident,
  ZOpenIncident,
  ZPostUpdate,
  ZResolveIncident,
  ZSavePostmortem,
  ZScheduleMaintenance,
} from "@/server/incidents/schemas";
import { ZComponentInput, ZGroupInput } from "@/server/components/schemas";
import { ZCreateMonitor } from "@/server/monitoring/schemas";
import { ZSubscribe } from "@/server/subscriptions/schemas";
import { ZFindAudit } from "@/server/audit/find-audit-events";
import { zText } from "@/lib/text-field";

// Every free-text field of every input schema: a valid input, and the fields to poison one at a time.
const CASES: [string, z.ZodType, Record<string, unknown>, string[]][] = [
  ["sign-up", ZSignUp, { email: "a@example.test", password: "long enough password", name: "Ann" }, ["name"]],
  ["invite", ZInvite, { email: "a@example.test", name: "Ann", role: "agent" }, ["name"]],
  ["accept invite", ZAcceptInvite, { token: "t".repeat(30), password: "long enough password", name: "Ann" }, ["name"]],
  [
    "new ticket",
    ZCreateTicket,
    {
      subject: "Export fails",
      description: "The export button spins forever.",
      steps: "1. Click",
      expected: "A file",
      actual: "Nothing",
      pageUrl: "https://a.example/x",
    },
    ["subject", "description", "steps", "expected", "actual", "pageUrl"],
  ],
  ["reply", ZAddMessage, { ticketId: 1, body: "Thanks, looking into it." }, ["body"]],
  [
    "article",
    ZArticleFields,
    {
      slug: "a-slug",
      locale: "en",
      translationKey: "a-slug",
      category: CATEGORY_SLUGS[0],
      title: "A title",
      summary: "Short",
      tags: ["tag"],
      body: "Body text",
    },
    ["title", "summary", "body", "tags.0"],
  ],
  ["article preview", ZPreviewArticle, { body: "Body text" }, ["body"]],
  ["feedback", ZFeedback, { articleId: 1, helpful: false, comment: "Outdated screenshots" }, ["comment"]],
  ["search", ZSearchQuery, { q: "backup" }, ["q"]],
  ["incident", ZOpenIncident, { title: "Checkout down", impact: "major", body: "We are looking into it." }, ["title", "body"]],
  ["incident update", ZPostUpdate, { incidentId: 1, status: "identified", body: "Found it." }, ["body"]],
  ["incident resolve", ZResolveIncident, { incidentId: 1, body: "Fixed." }, ["body"]],
  ["incident merge", ZMergeIncident, { sourceId: 1, targetId: 2, body: "Same cause." }, ["body"]],
  ["postmortem", ZSavePostmortem, { incidentId: 1, body: "# What happened" }, ["body"]],
  ["maintenance", ZScheduleMaintenance, { title: "Database upgrade", body: "Short downtime.", startsAt: 1, endsAt: 2 }, ["title", "body"]],
  ["component group", ZGroupInput, { nameEn: "Core", nameRu: "Ядро" }, ["nameEn", "nameRu"]],
  [
    "component",
    ZComponentInput,
    { slug: "api", nameEn: "API", nameRu: "API", descriptionEn: "The API", descriptionRu: "API" },
    ["nameEn", "nameRu", "descriptionEn", "descriptionRu"],
  ],
  [
    "monitor",
    ZCreateMonitor,
    { kind: "http", name: "Home", target: "https://a.example/", config: { keyword: "Welcome" } },
    ["name", "target", "config.keyword"],
  ],
  ["webhook", ZSubscribe, { kind: "webhook", url: "https://hooks.example/x", secret: "s".repeat(20) }, ["url", "secret"]],
  ["email subscription", ZSubscribe, { kind: "email", email: "a@example.test" }, ["email"]],
  ["audit filter", ZFindAudit, { actor: "a@example.test", entityType: "ticket", entityId: "7" }, ["actor", "entityType", "entityId"]],
];

function poison(input: Record<string, unknown>, path: string, bad: string): Record<string, unknown> {
  const copy = structuredClone(input) as Record<string, unknown>;
  const keys = path.split(".");
  let target = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  const value = String(target[last]);
  target[last] = `${value.slice(0, 2)}${bad}${value.slice(2)}`;
  return copy;
}

describe("free-text fields refuse control characters", () => {
  it.each(CASES.map(([name, schema, input]) => [name, schema, input] as const))("the valid %s input parses", (_name, schema, input) => {
    expect(schema.safeParse(input).error?.issues).toBeUndefined();
  });

  for (const [name, schema, input, fields] of CASES) {
    for (const field of fields) {
      it.each(["\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0008"])(`${name}: ${field} with %j is refused`, (bad) => {
        const result = schema.safeParse(poison(input, field, bad));
        expect(result.success).toBe(false);
        expect(result.error!.issues.map((i) => i.path.join("."))).toContain(field);
      });
    }
  }

  it("tabs and line breaks stay allowed in text", () => {
    expect(ZAddMessage.parse({ ticketId: 1, body: "line one\r\nline two\n\tindented" }).body).toBe("line one\r\nline two\n\tindented");
    expect(ZEmail.safeParse("a\u0000@example.test").success).toBe(false);
  });

  it("zText says what is wrong", () => {
    expect(zText().safeParse("a\u0000b").error?.issues[0].message).toBe("Remove the control characters from this text");
    expect(zText().trim().min(3).parse("  abc\t")).toBe("abc");
  });
});
