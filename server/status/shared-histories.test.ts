import { beforeEach, expect, it } from "vitest";
import type { ComponentHistory } from "./find-components";
import { SHARE_MS, forgetStatusHistories, shareStatusHistories, sharedHistories } from "./shared-histories";

// The renders of one change (en, ru, JSON, latency) share one read of the histories; a change heard, another
// component list or SHARE_MS passing means a new read.
let reads = 0;
const read = () => {
  reads++;
  return Promise.resolve(new Map<number, ComponentHistory>([[reads, {} as ComponentHistory]]));
};
const first = async (p: Promise<Map<number, ComponentHistory>>) => [...(await p).keys()][0];

beforeEach(() => {
  reads = 0;
  forgetStatusHistories();
});

it("reads afresh for every render until a watch turns sharing on", async () => {
  const key = Symbol.for("mayak.statusHistories");
  const g = globalThis as Record<symbol, unknown>;
  const saved = g[key];
  delete g[key];
  try {
    await sharedHistories(1000, [1, 2], read);
    await sharedHistories(1000, [1, 2], read);
    expect(reads).toBe(2);
  } finally {
    g[key] = saved;
  }
});

it("shares one read between the renders of a change, never across a change heard", async () => {
  shareStatusHistories();
  expect(await first(sharedHistories(1000, [1, 2], read))).toBe(1);
  expect(await first(sharedHistories(1200, [1, 2], read))).toBe(1);
  forgetStatusHistories();
  expect(await first(sharedHistories(1300, [1, 2], read))).toBe(2);
  expect(reads).toBe(2);
});

it("reads again for another list of components, after SHARE_MS, and after a failed read", async () => {
  shareStatusHistories();
  await sharedHistories(1000, [1, 2], read);
  expect(await first(sharedHistories(1000, [1, 2, 3], read))).toBe(2);
  expect(await first(sharedHistories(1000 + SHARE_MS, [1, 2, 3], read))).toBe(3);
  await expect(sharedHistories(90_000, [1], () => Promise.reject(new Error("database away")))).rejects.toThrow("database away");
  expect(await first(sharedHistories(90_001, [1], read))).toBe(4);
});

it("a read begun before a change is not given to a render after it", async () => {
  shareStatusHistories();
  let finish!: () => void;
  const slow = sharedHistories(1000, [1], () => new Promise((r) => (finish = () => r(new Map([[99, {} as ComponentHistory]])))));
  forgetStatusHistories();
  const after = sharedHistories(1001, [1], read);
  finish();
  expect(await first(slow)).toBe(99);
  expect(await first(after)).toBe(1);
});
