import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode } from "@/tests/factories";
import type { DB } from "../db";
import { renderBadge } from "./badge";
import { getStatusFeed, renderAtom, renderRss } from "./feeds";
import { decodeCursor, findIncidentHistory, getPublicIncident } from "./find-incidents";
import { getCurrentStatus, getStatusPage, toStatusJson } from "./get-status-page";
import { DAY, HOUR } from "@/lib/status/uptime";
import { assertWellFormedXml } from "./xml-check.test-util";

const NOW = Date.UTC(2026, 10, 27, 9, 30, 0);
const TODAY = Date.UTC(2026, 10, 27);
const BASE = "https://status.example.com";

async function insertId(p: Promise<{ insertId?: bigint }>): Promise<number> {
  return Number((await p).insertId);
}

/** A small page: one group, a watched component, an unwatched one, incidents in every state, maintenance. */
async function fixture(db: DB) {
  const group = await insertId(
    db.insertInto("status_groups").values({ name_en: "Website", name_ru: "Сайт", position: 1, created_at: 0 }).executeTakeFirstOrThrow(),
  );
  const comp = (slug: string, status: "operational" | "partial_outage", groupId: number | null) =>
    insertId(
      db
        .insertInto("status_components")
        .values({
          group_id: groupId,
          slug,
          name_en: slug.toUpperCase(),
          name_ru: `ru-${slug}`,
          description_en: "",
          description_ru: "",
          status,
          position: 1,
          created_at: 0,
          updated_at: 0,
        })
        .executeTakeFirstOrThrow(),
    );
  const web = await comp("web", "partial_outage", group);
  const chat = await comp("chat", "operational", null);
  const monitor = await insertId(
    db
      .insertInto("monitors")
      .values({
        component_id: web,
        name: "web",
        kind: "http",
        target: "http://x/",
        config: "{}",
        interval_s: 60,
        timeout_ms: 1000,
        fail_threshold: 3,
        recover_threshold: 2,
        heartbeat_token_hash: null,
        enabled: 1,
        state: "up",
        consecutive_failures: 0,
        consecutive_successes: 0,
        next_check_at: 0,
        created_at: 0,
        updated_at: 0,
      })
      .executeTakeFirstOrThrow(),
  );
  const rollup = (period: "hour" | "day", bucket_start: number, up: number, down: number, maintenance = 0) => ({
    monitor_id: monitor,
    period,
    bucket_start,
    checks: up + down + maintenance,
    up,
    degraded: 0,
    down,
    maintenance,
    latency_sum: up * 100,
    latency_count: up,
    latency_max: 150,
  });
  await db
    .insertInto("monitor_rollups")
    .values([
      rollup("hour", TODAY + 8 * HOUR, 55, 5),
      rollup("hour", TODAY + 9 * HOUR, 30, 0),
      rollup("day", TODAY - DAY, 1000, 0, 440), // maintenance night: excluded
      rollup("day", TODAY - 2 * DAY, 0, 0, 1440), // maintenance only: no data
    ])
    .execute();
  const incident = async (title: string, status: "investigating" | "resolved", startedAt: number, merged: number | null = null) => {
    const id = await insertId(
      db
        .insertInto("incidents")
        .values({
          title,
          impact: "major",
          status,
          auto: 0,
          monitor_id: null,
          started_at: startedAt,
          resolved_at: status === "resolved" ? startedAt + HOUR : null,
          merged_into_id: merged,
          postmortem: "## Cause\n\n<script>alert(1)</script>Disk",
          postmortem_published_at: status === "resolved" ? startedAt + DAY : null,
          created_at: startedAt,
          updated_at: startedAt + HOUR,
        })
        .executeTakeFirstOrThrow(),
    );
    await db.insertInto("incident_components").values({ incident_id: id, component_id: web, status: "partial_outage" }).execute();
    await db
      .insertInto("incident_updates")
      .values([
        { incident_id: id, status: "investigating", body: "Looking <b>& checking", author_id: null, created_at: startedAt },
        {
          incident_id: id,
          status,
          body: status === "resolved" ? "Fixed" : "Still looking",
          author_id: null,
          created_at: startedAt + 10 * 60_000,
        },
      ])
      .execute();
    return id;
  };
  const active = await incident("Checkout <errors> & timeouts", "investigating", NOW - HOUR);
  const old = [] as number[];
  for (let i = 1; i <= 5; i++) old.push(await incident(`Past ${i}`, "resolved", TODAY - i * 3 * DAY));
  const merged = await incident("Duplicate", "investigating", NOW - 30 * 60_000, active);
  await incident("Too old", "resolved", TODAY - 120 * DAY);
  const maint = (title: string, starts: number, status: "scheduled" | "completed" | "cancelled") =>
    insertId(
      db
        .insertInto("maintenances")
        .values({ title, body: "Body", starts_at: starts, ends_at: starts + 2 * HOUR, status, created_at: 0, updated_at: starts })
        .executeTakeFirstOrThrow(),
    );
  const upcoming = await maint("Upgrade", NOW + 3 * DAY, "scheduled");
  const running = await maint("Started, job not run yet", NOW - HOUR, "scheduled");
  await maint("Done", NOW - 5 * DAY, "completed");
  await maint("Called off", NOW + DAY, "cancelled");
  await db.insertInto("maintenance_components").values({ maintenance_id: upcoming, component_id: web }).execute();
  return { web, chat, active, merged, old, upcoming, running };
}

describeEachDialect("status read models", (use) => {
  let f: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    f = await fixture(use());
  });

  it("reads the page: overall state, groups, uptime with maintenance excluded, no-data days", async () => {
    const page = await getStatusPage(use(), { now: NOW, locale: "ru" });
    expect(page.overall).toBe("partial_outage");
    expect(page.groups.map((g) => [g.name, g.components.map((c) => c.name)])).toEqual([
      ["Сайт", ["ru-web"]],
      [null, ["ru-chat"]],
    ]);
    const web = page.groups[0].components[0];
    expect(web.uptime["24h"]).toBeCloseTo((85 / 90) * 100);
    expect(web.uptime["7d"]).toBeCloseTo((1085 / 1090) * 100);
    expect(web.days.at(-1)!.uptime).toBeCloseTo((85 / 90) * 100);
    expect(web.days.at(-2)!.uptime).toBe(100);
    expect(web.days.at(-3)!.uptime).toBeNull();
    expect(web.days.at(-1)!.incidents.map((i) => i.title)).toEqual(["Checkout <errors> & timeouts"]);
    expect(web.latency24h.at(-1)).toMatchObject({ avgMs: 100, maxMs: 150 });
    const chat = page.groups[1].components[0];
    expect(chat.monitored).toBe(false);
    expect(chat.uptime["90d"]).toBeNull();
    expect(chat.days.every((d) => d.uptime === null && d.level === "nodata")).toBe(true);
  });

  it("lists active incidents with their updates, leaving merged ones out", async () => {
    const page = await getStatusPage(use(), { now: NOW, locale: "en" });
    expect(page.activeIncidents.map((i) => i.id)).toEqual([f.active]);
    expect(page.activeIncidents[0].updates.map((u) => u.body)).toEqual(["Still looking", "Looking <b>& checking"]);
    expect(page.activeIncidents[0].components).toEqual([{ id: f.web, slug: "web", name: "WEB", status: "partial_outage" }]);
  });

  it("shows maintenance to come and in progress, soonest first, never cancelled or completed", async () => {
    const page = await getStatusPage(use(), { now: NOW, locale: "en" });
    expect(page.maintenance.map((m) => [m.id, m.status])).toEqual([
      [f.running, "in_progress"],
      [f.upcoming, "scheduled"],
    ]);
    expect(page.maintenance[1].components.map((c) => c.slug)).toEqual(["web"]);
  });

  it("pages the history by key over the last 90 days", async () => {
    const db = use();
    const first = await findIncidentHistory(db, { now: NOW, locale: "en", limit: 4 });
    expect(first.items.map((i) => i.title)).toEqual(["Checkout <errors> & timeouts", "Past 1", "Past 2", "Past 3"]);
    const second = await findIncidentHistory(db, { now: NOW, locale: "en", limit: 4, before: decodeCursor(first.next) });
    expect(second.items.map((i) => i.title)).toEqual(["Past 4", "Past 5"]);
    expect(second.next).toBeUndefined();
    expect(decodeCursor("1;drop")).toBeUndefined();
  });

  it("reads one incident: published postmortem only, merged ones point to their target", async () => {
    const db = use();
    expect(await getPublicIncident(db, f.merged, "en")).toEqual({ mergedInto: f.active });
    expect(await getPublicIncident(db, 999_999, "en")).toBeNull();
    const active = await getPublicIncident(db, f.active, "en");
    expect(active && "postmortem" in active && active.postmortem).toBeNull();
    const past = await getPublicIncident(db, f.old[0], "en");
    expect(past && "postmortem" in past && past.postmortem?.body).toContain("## Cause");
  });

  it("answers the JSON summary in a stable shape", async () => {
    const json = toStatusJson(await getStatusPage(use(), { now: NOW, locale: "en", historyLimit: 1 }), BASE, "en");
    expect(Object.keys(json)).toEqual(["page", "overall", "components", "activeIncidents", "maintenance"]);
    expect(json.overall).toEqual({ status: "partial_outage" });
    expect(json.components[0]).toMatchObject({ slug: "web", name: "WEB", group: "Website", status: "partial_outage" });
    expect(json.components[1].uptime).toEqual({ "24h": null, "7d": null, "30d": null, "90d": null });
    expect(json.activeIncidents[0]).toMatchObject({
      id: f.active,
      url: `${BASE}/status/incidents/${f.active}`,
      latestUpdate: { body: "Still looking" },
    });
    expect(json.maintenance[0].startsAt).toBe(new Date(NOW - HOUR).toISOString());
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("writes well-formed RSS and Atom with titles escaped", async () => {
    for (const locale of ["en", "ru"] as const) {
      const feed = await getStatusFeed(use(), { now: NOW, locale, base: BASE, format: "rss" });
      expect(feed.items.some((i) => i.title === "Checkout <errors> & timeouts")).toBe(true);
      expect(feed.items.some((i) => i.title === "Duplicate")).toBe(false);
      const rss = renderRss(feed, locale);
      const atom = renderAtom(feed, locale);
      assertWellFormedXml(rss);
      assertWellFormedXml(atom);
      expect(rss).toContain("<title>Checkout &lt;errors&gt; &amp; timeouts</title>");
      expect(atom).toContain(`<title type="text">Checkout &lt;errors&gt; &amp; timeouts</title>`);
      expect(rss).not.toContain("<b>");
    }
    expect(() => assertWellFormedXml("<a><b>x & y</b></a>")).toThrow();
    expect(() => assertWellFormedXml("<a><b>x</a></b>")).toThrow();
  });

  it("draws the badge for the page and for one component", async () => {
    const db = use();
    expect(await getCurrentStatus(db, "nope")).toBeNull();
    const web = await getCurrentStatus(db, "WEB");
    expect(web?.status).toBe("partial_outage");
    const svg = renderBadge("A & <B>", "partial_outage");
    assertWellFormedXml(svg);
    expect(svg).toContain('aria-label="A &amp; &lt;B&gt;: partial outage"');
    expect((await getCurrentStatus(db, null))?.status).toBe("partial_outage");
  });

  it("answers the same reads to an anonymous caller through the API (what the public pages and routes use)", async () => {
    const db = use();
    const api = apiAs(db, null, () => NOW);
    expect(await api.status.page({ locale: "ru" })).toEqual(await getStatusPage(db, { now: NOW, locale: "ru" }));
    expect(await api.status.summary({ locale: "en" })).toEqual(
      toStatusJson(await getStatusPage(db, { now: NOW, locale: "en", historyLimit: 1 }), "http://mayak.test", "en"),
    );
    const first = await api.status.history({ locale: "en", limit: 4 });
    expect((await api.status.history({ locale: "en", limit: 4, before: first.next })).items.map((i) => i.title)).toEqual([
      "Past 4",
      "Past 5",
    ]);
    expect((await api.status.history({ locale: "en", before: "1;drop" })).items[0].title).toBe("Checkout <errors> & timeouts");
    expect(await api.status.incident({ id: f.merged, locale: "en" })).toEqual({ mergedInto: f.active });
    expect(await api.status.incident({ id: 999_999, locale: "en" })).toBeNull();
    expect((await api.status.current({ component: "web" }))?.status).toBe("partial_outage");
    expect(await api.status.current({ component: "nope" })).toBeNull();
    expect((await api.status.feed({ locale: "en", format: "atom" })).items.length).toBeGreaterThan(0);
    expect(await errorCode(api.status.incident({ id: 0, locale: "en" }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.status.page({ locale: "de" as "en" }))).toBe("BAD_REQUEST");
  });
});
