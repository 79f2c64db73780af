import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import { auditActions, componentStatus } from "../incidents/testing";
import { orderedIds } from "./groups";
import { worstStatus } from "./recompute-status";

it("orders ids: listed first, the rest after in their order; unknown ids refused", () => {
  expect(orderedIds([1, 2, 3, 4], [3, 1])).toEqual([3, 1, 2, 4]);
  expect(orderedIds([1, 2], [5])).toBeNull();
});

it("the worst status wins, and an outage outranks maintenance", () => {
  expect(worstStatus([])).toBe("operational");
  expect(worstStatus(["maintenance", "degraded"])).toBe("degraded");
  expect(worstStatus(["operational", "maintenance"])).toBe("maintenance");
  expect(worstStatus(["partial_outage", "major_outage", "degraded"])).toBe("major_outage");
});

describeEachDialect("components and groups", (use) => {
  let lead: Actor;
  beforeAll(async () => {
    lead = await makeLead(use());
  });

  it("creates, renames, reorders and deletes groups; components of a deleted group stay, ungrouped", async () => {
    const db = use();
    const api = apiAs(db, lead);
    const a = await api.status.components.createGroup({ nameEn: "Core", nameRu: "Ядро" });
    const b = await api.status.components.createGroup({ nameEn: "Edge", nameRu: "Периметр" });
    await api.status.components.updateGroup({ id: a.id, nameEn: "Core services", nameRu: "Основные сервисы" });
    await api.status.components.reorderGroups({ ids: [b.id, a.id] });
    const c = await api.status.components.create({ groupId: a.id, slug: "API", nameEn: "API", nameRu: "API" });
    let list = await api.status.components.list();
    expect(list.groups.map((g) => g.id)).toEqual([b.id, a.id]);
    expect(list.groups[1].nameEn).toBe("Core services");
    expect(list.components.find((x) => x.id === c.id)).toMatchObject({ slug: "api", groupId: a.id, status: "operational" });

    await api.status.components.deleteGroup({ id: a.id });
    list = await api.status.components.list();
    expect(list.groups.map((g) => g.id)).toEqual([b.id]);
    expect(list.components.find((x) => x.id === c.id)?.groupId).toBeNull();
    expect(await auditActions(db, "status_group", a.id)).toEqual(["status_group.created", "status_group.updated", "status_group.deleted"]);
  });

  it("updates, reorders and deletes components; slugs stay unique", async () => {
    const db = use();
    const api = apiAs(db, lead);
    const x = await api.status.components.create({
      slug: "web-app",
      nameEn: "Web app",
      nameRu: "Веб-приложение",
      descriptionEn: "The app",
    });
    const y = await api.status.components.create({ slug: "email", nameEn: "Email", nameRu: "Почта" });
    expect(await errorCode(api.status.components.create({ slug: "web-app", nameEn: "Dup", nameRu: "Дубль" }))).toBe("CONFLICT");
    expect(await errorCode(api.status.components.update({ id: y.id, slug: "web-app", nameEn: "Email", nameRu: "Почта" }))).toBe("CONFLICT");
    await api.status.components.update({ id: x.id, slug: "web", nameEn: "Web", nameRu: "Веб", descriptionRu: "Приложение" });
    await api.status.components.reorder({ ids: [y.id, x.id] });
    const list = await api.status.components.list();
    const order = list.components.map((c) => c.id);
    expect(order.indexOf(y.id)).toBeLessThan(order.indexOf(x.id));
    expect(list.components.find((c) => c.id === x.id)).toMatchObject({ slug: "web", descriptionRu: "Приложение", descriptionEn: "" });
    await api.status.components.delete({ id: y.id });
    expect(await db.selectFrom("status_components").select("id").where("id", "=", y.id).executeTakeFirst()).toBeUndefined();
    expect(await auditActions(db, "status_component", y.id)).toEqual(["component.created", "component.deleted"]);
  });

  it("setting a status by hand is audited with before and after", async () => {
    const db = use();
    const api = apiAs(db, lead);
    const { id } = await api.status.components.create({ slug: "search", nameEn: "Search", nameRu: "Поиск" });
    await api.status.components.setStatus({ id, status: "degraded" });
    await api.status.components.setStatus({ id, status: "degraded" }); // no change, no event
    expect(await componentStatus(db, id)).toBe("degraded");
    const events = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_type", "=", "status_component")
      .where("entity_id", "=", String(id))
      .where("action", "=", "component.status_changed")
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].before_json!)).toEqual({ status: "operational" });
    expect(JSON.parse(events[0].after_json!)).toEqual({ status: "degraded" });
    expect(events[0].actor_id).toBe(lead.id);
  });

  it("bad input is BAD_REQUEST; unknown ids are NOT_FOUND", async () => {
    const db = use();
    const api = apiAs(db, lead);
    expect(await errorCode(api.status.components.create({ slug: "Bad slug!", nameEn: "X", nameRu: "X" }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.status.components.create({ slug: "ok-slug", nameEn: "", nameRu: "X" }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.status.components.create({ slug: "ok-slug", nameEn: "X", nameRu: "X", groupId: 99_999 }))).toBe(
      "BAD_REQUEST",
    );
    expect(await errorCode(api.status.components.setStatus({ id: 1, status: "on_fire" as never }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.status.components.setStatus({ id: 99_999, status: "degraded" }))).toBe("NOT_FOUND");
    expect(await errorCode(api.status.components.reorder({ ids: [99_999] }))).toBe("NOT_FOUND");
    expect(await errorCode(api.status.components.deleteGroup({ id: 99_999 }))).toBe("NOT_FOUND");
  });
});
