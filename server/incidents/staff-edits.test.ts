import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import { createCaller } from "../trpc/root";
import { fieldErrorsOf } from "../trpc/errors";
import type { DB } from "../db";
import type { Actor } from "../context";
import { makeComponents } from "./testing";

/** The last audit event of an entity, with its before/after parsed. */
async function lastAudit(db: DB, entityType: string, entityId: number) {
  const e = await db
    .selectFrom("audit_events")
    .selectAll()
    .where("entity_type", "=", entityType)
    .where("entity_id", "=", String(entityId))
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const parse = (s: string | null) => (s === null ? null : JSON.parse(s));
  return { action: e.action, actorId: e.actor_id, before: parse(e.before_json), after: parse(e.after_json) };
}

describeEachDialect("edits from the staff status pages", (use) => {
  let lead: Actor;
  beforeAll(async () => {
    lead = await makeLead(use());
  });

  it("editing a group, a component and a maintenance window records who changed what, before and after", async () => {
    const db = use();
    const api = apiAs(db, lead);
    const group = await api.status.components.createGroup({ nameEn: "Edge", nameRu: "Периметр" });
    const [c, d] = await makeComponents(db, lead, ["edit-web", "edit-mail"]);

    await api.status.components.updateGroup({ id: group.id, nameEn: "Edge network", nameRu: "Пограничная сеть" });
    expect(await lastAudit(db, "status_group", group.id)).toEqual({
      action: "status_group.updated",
      actorId: lead.id,
      before: { nameEn: "Edge", nameRu: "Периметр" },
      after: { nameEn: "Edge network", nameRu: "Пограничная сеть" },
    });

    await api.status.components.update({
      id: c,
      groupId: group.id,
      slug: "edit-web",
      nameEn: "Website",
      nameRu: "Сайт",
      descriptionEn: "Public site",
    });
    expect(await lastAudit(db, "status_component", c)).toMatchObject({
      action: "component.updated",
      actorId: lead.id,
      before: { group_id: null, name_en: "edit web", description_en: "" },
      after: { group_id: group.id, name_en: "Website", name_ru: "Сайт", description_en: "Public site" },
    });

    const start = Date.now() + 86_400_000;
    const m = await api.status.maintenance.schedule({
      title: "Database upgrade",
      startsAt: start,
      endsAt: start + 3_600_000,
      componentIds: [c],
    });
    await api.status.maintenance.edit({
      id: m.id,
      title: "Database upgrade",
      body: "Slower for a moment",
      startsAt: start + 7_200_000,
      endsAt: start + 10_800_000,
      componentIds: [c, d],
    });
    expect(await lastAudit(db, "maintenance", m.id)).toMatchObject({
      action: "maintenance.updated",
      actorId: lead.id,
      before: { startsAt: start, endsAt: start + 3_600_000, componentIds: [c] },
      after: { body: "Slower for a moment", startsAt: start + 7_200_000, endsAt: start + 10_800_000, componentIds: [c, d] },
    });
  });

  it("an edit that breaks a rule names the field and changes nothing", async () => {
    const db = use();
    const api = apiAs(db, lead);
    const [c] = await makeComponents(db, lead, ["edit-rules"]);
    const start = Date.now() + 86_400_000;
    const m = await api.status.maintenance.schedule({ title: "Cache flush", startsAt: start, endsAt: start + 60_000 });
    const events = await countRows(db, "audit_events");
    // The fields the form would mark, as the API sends them.
    const fieldErrors = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        return Object.keys(fieldErrorsOf((err as { cause?: unknown }).cause) ?? {}).sort();
      }
      throw new Error("expected the call to fail");
    };
    expect(
      await fieldErrors(api.status.maintenance.edit({ id: m.id, title: "Cache flush", startsAt: start, endsAt: start - 60_000 })),
    ).toEqual(["endsAt"]);
    expect(await fieldErrors(api.status.components.update({ id: c, slug: "Not a slug!", nameEn: "", nameRu: "x" }))).toEqual([
      "nameEn",
      "slug",
    ]);
    expect(await countRows(db, "audit_events")).toBe(events);
  });
});

describeEachDialect("postmortem preview", (use) => {
  let agent: Actor, customer: Actor;
  beforeAll(async () => {
    [agent, customer] = await Promise.all([makeAgent(use()), makeCustomer(use())]);
  });

  it("renders a draft through the help center's sanitiser: headings stay, scripts and handlers go", async () => {
    const db = use();
    const { html } = await apiAs(db, agent).status.incidents.previewPostmortem({
      body: "# Summary\n\nThe **API** was down.\n\n<script>alert(1)</script>\n\n[see](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n- [help](/help/billing)",
    });
    expect(html).toContain('<h2 id="summary">Summary</h2>');
    expect(html).toContain("<strong>API</strong>");
    expect(html).not.toMatch(/script|onerror|javascript:/);
    expect(html).toContain('href="/help/billing"');
  });

  it("in Russian, help links point at the Russian help center, as on the public incident page", async () => {
    const api = createCaller({
      db: use(),
      actor: agent,
      ip: "127.0.0.1",
      userAgent: "vitest",
      now: Date.now,
      appUrl: "http://mayak.test",
      locale: "ru",
    });
    const { html } = await api.status.incidents.previewPostmortem({ body: "[Оплата](/help/billing)" });
    expect(html).toContain('href="/ru/help/billing"');
  });

  it("refuses customers (NOT_FOUND), strangers (UNAUTHORIZED) and oversized drafts, and writes nothing", async () => {
    const db = use();
    const events = await countRows(db, "audit_events");
    expect(await errorCode(apiAs(db, customer).status.incidents.previewPostmortem({ body: "x" }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).status.incidents.previewPostmortem({ body: "x" }))).toBe("UNAUTHORIZED");
    expect(await errorCode(apiAs(db, agent).status.incidents.previewPostmortem({ body: "x".repeat(100_001) }))).toBe("BAD_REQUEST");
    expect(await countRows(db, "audit_events")).toBe(events);
  });
});
