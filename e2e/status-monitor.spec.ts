import http from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, ok, tag, trpcMutation, trpcQuery } from "./helpers";

/** A tiny target for the monitor: answers 200 until switched to failing, then 500. */
async function startTarget() {
  const state = { failing: false, hits: 0 };
  const server = http.createServer((_req, res) => {
    state.hits++;
    res.statusCode = state.failing ? 500 : 200;
    res.setHeader("Content-Type", "text/plain");
    res.end(state.failing ? "broken" : "ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: `http://127.0.0.1:${port}/health`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface StatusJson {
  overall: { status: string };
  components: { slug: string; name: string; status: string }[];
  activeIncidents: { id: number; title: string; status: string; url: string; components: { slug: string; status: string }[] }[];
}

async function statusJson(request: APIRequestContext): Promise<StatusJson> {
  const res = await request.get("/api/status");
  expect(res.ok()).toBeTruthy();
  return (await res.json()) as StatusJson;
}

/**
 * One plain GET of a public page as an anonymous visitor (no browser: a browser would also prefetch linked
 * pages), with whether it came from server.mjs's page cache (`x-page-cache: hit`) and the HTML.
 */
async function fetchPage(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.ok(), `GET ${url}`).toBeTruthy();
  return { cache: res.headers()["x-page-cache"] ?? "", html: await res.text() };
}

/** The "Active incidents" section of the /status HTML ("" when there is none). */
function activeSection(html: string): string {
  const start = html.indexOf('aria-labelledby="active-heading"');
  return start < 0 ? "" : html.slice(start, html.indexOf("</section>", start));
}

/**
 * Anonymous visitors get the public pages from server.mjs's page cache, which hears of a job's change
 * through the database and renders the pages again (lib/page-cache.test.ts proves the window: nothing older
 * than it is sent after a change). Here the change is first seen where nothing is cached (the lead's JSON,
 * through Next), then the anonymous page is waited for until it shows it, served from the cache; a page
 * that never caught up fails the wait.
 */
async function untilCachedPageShows(request: APIRequestContext, url: string, has: (html: string) => boolean, what: string) {
  let last = { cache: "", html: "" };
  await expect
    .poll(async () => has((last = await fetchPage(request, url)).html), { message: what, timeout: 15_000, intervals: [100] })
    .toBe(true);
  expect(last.cache, `${url} is served from the page cache`).toBe("hit");
}

/** What an anonymous visitor reads on the public page right now (a full load each time). */
async function publicView(page: Page, title: string) {
  await page.goto("/status");
  const active = page.getByRole("region", { name: "Active incidents" });
  const card = active.getByRole("article").filter({ has: page.getByRole("link", { name: title }) });
  return {
    incident: (await card.count()) > 0 ? ((await card.first().textContent()) ?? "") : "",
    search: ((await page.locator("#component-search").textContent()) ?? "").replace(/\s+/g, " "),
  };
}

test("a failing HTTP monitor opens an incident on the public status page and moves it to monitoring on recovery", async ({
  page,
  pageAs,
}) => {
  test.setTimeout(180_000);
  const target = await startTarget();
  const name = `E2E search probe ${tag()}`;
  const title = "Search is not responding";
  const lead = await pageAs("lead");
  let monitorId = 0;

  try {
    const before = await statusJson(page.request);
    const preexisting = new Set(before.activeIncidents.filter((i) => i.title === title).map((i) => i.id));

    await test.step("the lead creates an HTTP monitor against the local server, attached to Search", async () => {
      await lead.goto("/admin/monitors/new");
      const form = lead.getByRole("main");
      await form.getByLabel("Type", { exact: true }).selectOption("http");
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Component", { exact: true }).selectOption({ label: "Search" });
      await form.getByLabel("Target", { exact: true }).fill(target.url);
      await form.getByLabel("Check every (seconds)", { exact: true }).fill("10");
      await form.getByLabel("Timeout (ms)", { exact: true }).fill("2000");
      await form.getByLabel("Failures before down", { exact: true }).fill("1");
      await form.getByLabel("Successes before up", { exact: true }).fill("1");
      await form.getByRole("button", { name: "Create monitor" }).click();
      await expect(lead.getByText("Monitor created.")).toBeVisible();
      await lead.getByRole("link", { name: "Open the monitor" }).click();
      await lead.waitForURL(/\/admin\/monitors\/\d+$/);
      monitorId = Number(/\/admin\/monitors\/(\d+)$/.exec(lead.url())![1]);

      const saved = ok(
        await trpcQuery<{ target: string; intervalS: number; failThreshold: number; recoverThreshold: number; componentId: number | null }>(
          lead.request,
          "monitors.get",
          { id: monitorId },
        ),
      );
      expect(saved).toMatchObject({ target: target.url, intervalS: 10, failThreshold: 1, recoverThreshold: 1 });
      expect(saved.componentId).not.toBeNull();
    });

    await test.step("the job worker checks it and it comes up", async () => {
      await expect
        .poll(async () => ok(await trpcQuery<{ state: string }>(lead.request, "monitors.get", { id: monitorId })).state, {
          message: "monitor state after the first checks",
          timeout: 30_000,
          intervals: [1_000],
        })
        .toBe("up");
      expect(target.state.hits).toBeGreaterThan(0);
      await lead.reload();
      await expect(lead.getByRole("main").getByText("Up", { exact: true }).first()).toBeVisible();
    });

    // From here until the check below, nothing requests /status: the lead's page (whose header links to
    // public pages) goes blank, and the page is cached once more so the quiet spell starts from a known entry.
    await lead.goto("about:blank");
    await fetchPage(page.request, "/status");
    target.state.failing = true;

    let incidentId = 0;
    await test.step("the automatic incident is on the first request for /status after it opened (the job revalidated the page)", async () => {
      let opened = 0;
      await expect
        .poll(
          async () =>
            (opened = (await statusJson(lead.request)).activeIncidents.find((i) => i.title === title && !preexisting.has(i.id))?.id ?? 0),
          {
            message: "the automatic incident in /api/status (signed in: through Next, uncached)",
            timeout: 45_000,
            intervals: [500],
          },
        )
        .toBeGreaterThan(0);
      await untilCachedPageShows(
        page.request,
        "/status",
        (html) => activeSection(html).includes(`/status/incidents/${opened}"`),
        "the anonymous /status shows the automatic incident",
      );
    });

    await test.step("the public page shows the automatic incident and Search in a major outage", async () => {
      await expect
        .poll(async () => ok(await trpcQuery<{ state: string }>(lead.request, "monitors.get", { id: monitorId })).state, {
          timeout: 30_000,
          intervals: [1_000],
        })
        .toBe("down");

      await expect(async () => {
        const view = await publicView(page, title);
        expect(view.incident, "active incident card on /status").toContain("Investigating");
        expect(view.search, "Search component row on /status").toContain("Major outage");
      }).toPass({ timeout: 10_000, intervals: [1_000] });

      const card = page.getByRole("region", { name: "Active incidents" }).getByRole("article").filter({ hasText: title });
      await expect(card).toContainText("Impact: major");
      await expect(card).toContainText("Affected: Search");
      await expect(card).toContainText("Our monitoring detected that Search is not responding");
      await expect(page.getByRole("main").getByRole("status").first()).not.toHaveText("All systems operational");

      const json = await statusJson(page.request);
      const incident = json.activeIncidents.find((i) => i.title === title && !preexisting.has(i.id));
      expect(incident, "the new incident in /api/status").toBeTruthy();
      incidentId = incident!.id;
      expect(incident!.status).toBe("investigating");
      expect(incident!.components).toEqual([expect.objectContaining({ slug: "search", status: "major_outage" })]);
      expect(json.components.find((c) => c.slug === "search")?.status).toBe("major_outage");
      expect(json.overall.status).not.toBe("operational");
    });

    await test.step("the public incident page shows the timeline", async () => {
      await page.getByRole("region", { name: "Active incidents" }).getByRole("link", { name: title }).first().click();
      await page.waitForURL(`**/status/incidents/${incidentId}`);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByText("Detected automatically by our monitors.")).toBeVisible();
      await expect(page.getByText("Ongoing", { exact: true })).toBeVisible();
      const timeline = page.getByRole("region", { name: "Timeline" });
      await expect(timeline.getByRole("listitem")).toHaveCount(1);
      await expect(timeline.getByRole("listitem").first()).toContainText("Investigating");
      await expect(page.getByRole("group", { name: "Stages" }).locator('[aria-current="step"]')).toHaveText("Investigating");
    });

    // The incident page is open in the browser; it was requested once, and is not requested again until the check.
    target.state.failing = false;

    await test.step("after recovery the incident moves to monitoring", async () => {
      await expect
        .poll(async () => (await statusJson(lead.request)).activeIncidents.find((i) => i.id === incidentId)?.status, {
          message: "the incident's status in /api/status (signed in: through Next, uncached)",
          timeout: 45_000,
          intervals: [500],
        })
        .toBe("monitoring");
      await untilCachedPageShows(
        page.request,
        `/status/incidents/${incidentId}`,
        (html) => html.includes("Search is responding again"),
        "the anonymous incident page shows the recovery update",
      );
      expect(ok(await trpcQuery<{ state: string }>(lead.request, "monitors.get", { id: monitorId })).state).toBe("up");

      await expect(async () => {
        await page.goto(`/status/incidents/${incidentId}`);
        const timeline = page.getByRole("region", { name: "Timeline" });
        await expect(timeline.getByRole("listitem")).toHaveCount(2, { timeout: 1_000 });
        await expect(timeline.getByRole("listitem").first()).toContainText("Monitoring", { timeout: 1_000 });
      }).toPass({ timeout: 10_000, intervals: [1_000] });

      await expect(page.getByRole("region", { name: "Timeline" }).getByRole("listitem").first()).toContainText(
        "Search is responding again",
      );
      await expect(page.getByRole("group", { name: "Stages" }).locator('[aria-current="step"]')).toHaveText("Monitoring");
      // Still open: it resolves itself only after a quiet period.
      await expect(page.getByText("Ongoing", { exact: true })).toBeVisible();

      const json = await statusJson(page.request);
      const incident = json.activeIncidents.find((i) => i.id === incidentId);
      expect(incident?.status).toBe("monitoring");
      expect(json.components.find((c) => c.slug === "search")?.status).toBe("operational");
    });
  } finally {
    // Stop the monitor before its target goes away, so it does not open a second outage for later tests.
    if (monitorId) await trpcMutation(lead.request, "monitors.pause", { id: monitorId });
    await target.close();
  }
});
