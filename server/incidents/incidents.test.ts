import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAgent, makeLead } from "@/tests/factories";
import { manualClock } from "../clock";
import { createCaller } from "../trpc/root";
import type { Actor } from "../context";
import { auditActions, componentStatus, makeComponents, statusEvents } from "./testing";

describeEachDialect("incidents", (use) => {
  let lead: Actor, agent: Actor;
  let api: ReturnType<typeof com>, db: ReturnType<typeof use>;
  const clock = manualClock();
  const com = () => apiAs(use(), agent, clock.now);
  beforeAll(async () => {
    db = use();
    [lead, agent] = await Promise.all([makeLead(db), makeAgent(db)]);
    api = com();
  });

  it("open, update and resolve: timeline, audit, status events and component statuses", async () => {
    const [web, mail] = await makeComponents(db, lead, ["inc-web", "inc-mail"]);
    const jobsBefore = (await statusEvents(db)).length;
    const opened = await api.status.incidents.open({
      title: "Sign-in is slow",
      impact: "minor",
      status: "investigating",
      components: [{ componentId: web, status: "degraded" }],
      body: "We are looking into slow sign-ins.",
    });
    expect(await componentStatus(db, web)).toBe("degraded");
    expect(await componentStatus(db, mail)).toBe("operational");

    clock.advance(60_000);
    await api.status.incidents.postUpdate({
      incidentId: opened.id,
      status: "identified",
      body: "A database node is overloaded.",
      impact: "major",
      components: [
        { componentId: web, status: "partial_outage" },
        { componentId: mail, status: "degraded" },
      ],
    });
    expect(await componentStatus(db, web)).toBe("partial_outage");
    expect(await componentStatus(db, mail)).toBe("degraded");

    clock.advance(60_000);
    await api.status.incidents.resolve({ incidentId: opened.id, body: "Fixed." });
    expect(await componentStatus(db, web)).toBe("operational");
    expect(await componentStatus(db, mail)).toBe("operational");

    const got = await api.status.incidents.get({ id: opened.id });
    expect(got).toMatchObject({ status: "resolved", impact: "major", resolvedAt: clock.now() });
    expect(got.updates.map((u) => u.status)).toEqual(["resolved", "identified", "investigating"]);
    expect(got.updates[2].authorName).toBe(agent.name);
    expect(await auditActions(db, "incident", opened.id)).toEqual(["incident.opened", "incident.updated", "incident.resolved"]);
    expect(await auditActions(db, "status_component", web)).toEqual([
      "component.created",
      "component.status_changed",
      "component.status_changed",
      "component.status_changed",
    ]);
    const events = (await statusEvents(db)).slice(jobsBefore);
    expect(events.map((e) => e.type)).toEqual(["incident.opened", "incident.updated", "incident.resolved"]);
    expect(events.every((e) => e.incidentId === opened.id)).toBe(true);
    expect(events[0].updateId).toBe(got.updates[2].id);

    expect(await errorCode(api.status.incidents.postUpdate({ incidentId: opened.id, status: "monitoring", body: "again" }))).toBe(
      "CONFLICT",
    );
    expect(await errorCode(api.status.incidents.resolve({ incidentId: opened.id, body: "again" }))).toBe("CONFLICT");
  });

  it("resolving leaves a component held by another incident or running maintenance at their status", async () => {
    const [c] = await makeComponents(db, lead, ["inc-shared"]);
    const a = await api.status.incidents.open({
      title: "Outage A",
      impact: "critical",
      components: [{ componentId: c, status: "major_outage" }],
      body: "A",
    });
    const b = await api.status.incidents.open({
      title: "Slowness B",
      impact: "minor",
      components: [{ componentId: c, status: "degraded" }],
      body: "B",
    });
    expect(await componentStatus(db, c)).toBe("major_outage");
    await api.status.incidents.resolve({ incidentId: a.id, body: "A fixed" });
    expect(await componentStatus(db, c)).toBe("degraded");
    const now = clock.now();
    const m = await db
      .insertInto("maintenances")
      .values({
        title: "Upgrade",
        body: "",
        starts_at: now - 1,
        ends_at: now + 3_600_000,
        status: "in_progress",
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    await db
      .insertInto("maintenance_components")
      .values({ maintenance_id: Number(m.insertId), component_id: c })
      .execute();
    await api.status.incidents.resolve({ incidentId: b.id, body: "B fixed" });
    expect(await componentStatus(db, c)).toBe("maintenance");
  });

  it("merging moves updates, links and components; the merged incident drops out of the lists", async () => {
    const [x, y] = await makeComponents(db, lead, ["inc-merge-x", "inc-merge-y"]);
    const target = await api.status.incidents.open({
      title: "Payments failing",
      impact: "minor",
      components: [{ componentId: x, status: "degraded" }],
      body: "Looking",
    });
    clock.advance(-600_000);
    const source = await api.status.incidents.open({
      title: "Checkout errors",
      impact: "major",
      components: [
        { componentId: x, status: "major_outage" },
        { componentId: y, status: "degraded" },
      ],
      body: "Errors at checkout",
    });
    clock.advance(600_000);
    const customer = await db
      .insertInto("users")
      .values({
        email: "merge-c@example.test",
        name: "C",
        role: "customer",
        locale: "en",
        disabled: 0,
        password_hash: null,
        invite_token_hash: null,
        invite_expires_at: null,
        created_at: 0,
        updated_at: 0,
        last_sign_in_at: null,
      })
      .executeTakeFirstOrThrow();
    const t = await db
      .insertInto("tickets")
      .values({
        requester_id: Number(customer.insertId),
        assignee_id: null,
        subject: "Checkout broken",
        description: "Cannot pay",
        steps: "",
        expected: "",
        actual: "",
        page_url: "",
        priority: "normal",
        status: "new",
        is_open: 1,
        created_at: clock.now(),
        updated_at: clock.now(),
        first_response_at: null,
        solved_at: null,
      })
      .executeTakeFirstOrThrow();
    await api.status.incidents.linkTicket({ incidentId: source.id, ticketId: Number(t.insertId) });
    const jobsBefore = (await statusEvents(db)).length;

    const merged = await api.status.incidents.merge({ sourceId: source.id, targetId: target.id });
    const got = await api.status.incidents.get({ id: target.id });
    expect(got.impact).toBe("major");
    expect(got.startedAt).toBe(clock.now() - 600_000);
    expect(got.updates.map((u) => u.body)).toEqual(expect.arrayContaining(["Looking", "Errors at checkout"]));
    expect(got.updates[0].body).toContain(`#${source.id}`);
    expect(got.components.map((c) => [c.id, c.status])).toEqual(
      expect.arrayContaining([
        [x, "major_outage"],
        [y, "degraded"],
      ]),
    );
    expect(got.linkedTickets.map((l) => l.id)).toEqual([Number(t.insertId)]);
    const src = await api.status.incidents.get({ id: source.id });
    expect(src).toMatchObject({ mergedIntoId: target.id, status: "resolved", updates: [], components: [], linkedTickets: [] });
    const lists = await api.status.incidents.list();
    expect([...lists.active, ...lists.recent].map((i) => i.id)).not.toContain(source.id);
    expect(lists.active.map((i) => i.id)).toContain(target.id);
    expect(await componentStatus(db, x)).toBe("major_outage");
    expect(await auditActions(db, "incident", source.id)).toContain("incident.merged");
    expect((await statusEvents(db)).slice(jobsBefore)).toEqual([
      { type: "incident.updated", incidentId: target.id, updateId: merged.updateId },
    ]);

    expect(await errorCode(api.status.incidents.merge({ sourceId: source.id, targetId: target.id }))).toBe("CONFLICT");
    expect(await errorCode(api.status.incidents.merge({ sourceId: target.id, targetId: target.id }))).toBe("BAD_REQUEST");
    await api.status.incidents.resolve({ incidentId: target.id, body: "All good" });
    expect(await componentStatus(db, x)).toBe("operational");
    expect(await componentStatus(db, y)).toBe("operational");
  });

  it("postmortem: template in the author's language, save, publish, unpublish", async () => {
    const inc = await api.status.incidents.open({ title: "Search down", impact: "major", body: "Search is down" });
    const got = await api.status.incidents.get({ id: inc.id });
    for (const h of ["## Summary", "## Timeline", "## Root cause", "## What went well", "## Action items"])
      expect(got.postmortemTemplate).toContain(h);
    expect(got.postmortemTemplate).toContain("Search is down");
    const ru = await createCaller({
      db,
      actor: lead,
      ip: "127.0.0.1",
      userAgent: "vitest",
      now: clock.now,
      appUrl: "http://mayak.test",
      locale: "ru",
    }).status.incidents.get({ id: inc.id });
    expect(ru.postmortemTemplate).toContain("## Первопричина");

    expect(await errorCode(api.status.incidents.publishPostmortem({ id: inc.id, published: true }))).toBe("BAD_REQUEST");
    await api.status.incidents.savePostmortem({ incidentId: inc.id, body: "## Summary\n\nAn index broke." });
    await api.status.incidents.publishPostmortem({ id: inc.id, published: true });
    expect((await api.status.incidents.get({ id: inc.id })).postmortemPublishedAt).toBe(clock.now());
    await api.status.incidents.publishPostmortem({ id: inc.id, published: false });
    const after = await api.status.incidents.get({ id: inc.id });
    expect(after).toMatchObject({ postmortem: "## Summary\n\nAn index broke.", postmortemPublishedAt: null });
    expect(await auditActions(db, "incident", inc.id)).toEqual([
      "incident.opened",
      "incident.postmortem_saved",
      "incident.postmortem_published",
      "incident.postmortem_unpublished",
    ]);
  });

  it("bad input is BAD_REQUEST and changes nothing", async () => {
    const before = await db.selectFrom("incidents").select("id").execute();
    expect(await errorCode(api.status.incidents.open({ title: "x", impact: "minor", body: "b" }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.status.incidents.open({ title: "Valid title", impact: "huge" as never, body: "b" }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.status.incidents.open({ title: "Valid title", impact: "minor", body: "  " }))).toBe("BAD_REQUEST");
    expect(
      await errorCode(
        api.status.incidents.open({
          title: "Valid title",
          impact: "minor",
          body: "b",
          components: [{ componentId: 99_999, status: "degraded" }],
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await errorCode(
        api.status.incidents.open({
          title: "Valid title",
          impact: "minor",
          body: "b",
          components: [{ componentId: 1, status: "maintenance" as never }],
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await errorCode(api.status.incidents.postUpdate({ incidentId: 99_999, status: "identified", body: "b" }))).toBe("NOT_FOUND");
    expect(await errorCode(api.status.incidents.postUpdate({ incidentId: 1, status: "resolved" as never, body: "b" }))).toBe("BAD_REQUEST");
    expect(await db.selectFrom("incidents").select("id").execute()).toEqual(before);
  });
});
