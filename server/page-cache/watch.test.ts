import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { bumpPageVersions, readPageVersions, type PageArea } from "./versions";
import { POLL_MS, createVersionWatch } from "./watch";
import { MAX_WAIT_MS, STALE_MS } from "@/lib/page-cache.mjs";

// Two instances share nothing but the database: each bumps the counter of what it changed and reads the
// counters to hear what any instance changed.
describeEachDialect("page cache change counters shared by instances", (use) => {
  it("start at zero and count each change of an area", async () => {
    const db = use();
    expect(await readPageVersions(db)).toEqual({ status: 0, help: 0 });
    await bumpPageVersions(db, ["status"], 1000);
    await bumpPageVersions(db, ["status", "help"], 2000);
    await bumpPageVersions(db, [], 3000);
    expect(await readPageVersions(db)).toEqual({ status: 2, help: 1 });
  });

  it("a change made on one instance is heard by every instance, once, at its next read", async () => {
    const db = use();
    const heardA: PageArea[] = [];
    const heardB: PageArea[] = [];
    const pollA = createVersionWatch(
      () => readPageVersions(db),
      (a) => heardA.push(a),
    );
    const pollB = createVersionWatch(
      () => readPageVersions(db),
      (a) => heardB.push(a),
    );
    await Promise.all([pollA(), pollB()]); // each takes note of where the counters stand
    expect([heardA, heardB]).toEqual([[], []]);

    await bumpPageVersions(db, ["status"], 4000); // instance A changes a component
    await Promise.all([pollA(), pollB()]);
    expect(heardA).toEqual(["status"]);
    expect(heardB).toEqual(["status"]);

    await Promise.all([pollA(), pollB()]); // nothing new
    await bumpPageVersions(db, ["help"], 5000); // instance B edits an article
    await bumpPageVersions(db, ["help"], 5001);
    await pollB();
    await pollA();
    expect(heardA).toEqual(["status", "help"]);
    expect(heardB).toEqual(["status", "help"]);
  });

  it("a failed read changes nothing: the next read compares with the last good one", async () => {
    const db = use();
    const heard: PageArea[] = [];
    let fail = false;
    const poll = createVersionWatch(
      () => (fail ? Promise.reject(new Error("database away")) : readPageVersions(db)),
      (a) => heard.push(a),
    );
    await poll();
    await bumpPageVersions(db, ["status"], 6000);
    fail = true;
    await expect(poll()).rejects.toThrow("database away");
    fail = false;
    await poll();
    expect(heard).toEqual(["status"]);
  });
});

// The promise of issue #16: no page is sent more than 2 s after a change was made. A change is read within
// POLL_MS; the old page is then sent for at most STALE_MS while it renders, and only if the render is slower
// still, for MAX_WAIT_MS more (lib/page-cache.mjs's tests prove each of those steps).
it("hears a change and renders it within the 2 s promised, waits included", () => {
  expect(POLL_MS + STALE_MS + MAX_WAIT_MS).toBeLessThan(2000);
});
