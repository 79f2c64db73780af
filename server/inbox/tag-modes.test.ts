import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAgent, makeCustomer } from "@/tests/factories";
import type { Actor } from "../context";
import { ZInboxFilters, type TInboxFilters } from "./filters";
import { listQuery, RARE_TAG_TICKETS, tagMode, type TagMode } from "./find-inbox-tickets";

/** A tag filter read both ways (server/inbox/find-inbox-tickets.ts, TagMode) lists the same tickets in the same order. */
describeEachDialect("tag filters", (use) => {
  let agent: Actor;
  const ids: number[] = [];

  beforeAll(async () => {
    const db = use();
    const customer = await makeCustomer(db);
    agent = await makeAgent(db);
    for (let i = 0; i < 12; i++) {
      const priority = (["urgent", "high", "normal"] as const)[i % 3];
      ids.push((await apiAs(db, customer).tickets.create({ subject: `Ticket ${i}`, description: "Some text about it.", priority })).id);
    }
    for (const [n, id] of ids.entries()) {
      const tags = n % 2 ? ["refunds"] : ["refunds", "vip"];
      await apiAs(db, agent).inbox.setTags({ ticketId: id, tags });
    }
  });

  const listed = async (f: Partial<TInboxFilters>, mode: TagMode) =>
    (await listQuery(use(), ZInboxFilters.parse(f), agent, [], Date.now(), mode).limit(26).execute()).map((r) => r.id);

  it("a small tag is read from its own index, and both ways give the same page", async () => {
    expect(RARE_TAG_TICKETS).toBeGreaterThan(12);
    expect(await tagMode(use(), "vip")).toBe("drive");
    expect(await tagMode(use(), "no-such-tag")).toBe("drive");
    expect(await tagMode(use(), undefined)).toBe("probe");
    for (const f of [
      { view: "open", tag: "vip" },
      { view: "open", tag: "vip", priority: "urgent" },
      { view: "all", tag: "refunds", sort: "updated" },
      { view: "all", tag: "refunds", sort: "created" },
      { view: "open", tag: "no-such-tag" },
    ] as Partial<TInboxFilters>[]) {
      const probed = await listed(f, "probe");
      expect(await listed(f, "drive"), JSON.stringify(f)).toEqual(probed);
    }
    expect((await listed({ view: "all", tag: "vip", sort: "created" }, "probe")).sort()).toEqual(ids.filter((_, n) => n % 2 === 0).sort());
  });

  it("the list shows each row's names and tags from the one statement", async () => {
    const page = await apiAs(use(), agent).inbox.list({ view: "all", tag: "vip", sort: "created" });
    expect(page.items.map((i) => i.id)).toEqual(ids.filter((_, n) => n % 2 === 0).reverse());
    for (const item of page.items) {
      expect(item.tags).toEqual(["refunds", "vip"]);
      expect(item.requesterName).not.toBe("");
      expect(item.requesterEmail).toContain("@");
    }
  });
});
