import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// s3rver has no types of its own; it is the fake S3 the issue names, run on a free port for this file.
// @ts-expect-error -- untyped CommonJS module
import S3rver from "s3rver";
import { createTestDb } from "@/tests/db";
import { apiAs, makeAgent, makeCustomer } from "@/tests/factories";
import { pngBytes } from "@/tests/attachment-files";
import { createMemoryRateLimits } from "../shared-state/rate-limits";
import { createStorage, type BlobStorage } from "./storage";
import { handleDownload, handleUpload } from "./http";

describe("attachments in S3-compatible storage (s3rver)", () => {
  let server: { run(): Promise<{ port: number }>; close(): Promise<void> };
  let dir: string;
  let storage: BlobStorage;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "mayak-s3rver-"));
    server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: "mayak-files" }] });
    const { port } = await server.run();
    storage = createStorage({
      kind: "s3",
      bucket: "mayak-files",
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
  });
  afterAll(async () => {
    await server?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("puts, streams back and deletes a blob; a missing one is null", async () => {
    const key = "0123456789abcdef0123456789abcdef";
    await storage.put(key, pngBytes(), "image/png");
    const body = await storage.get(key);
    expect(Buffer.from(await new Response(body).arrayBuffer()).equals(Buffer.from(pngBytes()))).toBe(true);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.put("../escape", pngBytes(), "image/png")).rejects.toThrow(/malformed storage key/);
  });

  it("serves an uploaded screenshot to the ticket's agent from the bucket", async () => {
    const { db, destroy } = await createTestDb("sqlite");
    try {
      const [customer, agent] = [await makeCustomer(db), await makeAgent(db)];
      const ticketId = (
        await apiAs(db, customer).tickets.create({ subject: "Broken image upload", description: "See the screenshot attached." })
      ).id;
      const deps = (actor: typeof customer) => ({
        db,
        ctx: { actor, ip: "127.0.0.1", userAgent: "vitest", now: Date.now },
        storage,
        limits: { maxFileBytes: 1 << 20, maxMessageBytes: 2 << 20, maxFiles: 5 },
        rateLimits: createMemoryRateLimits(),
        locale: "en" as const,
      });
      const res = await handleUpload(
        new Request("http://x/api/attachments?name=shot.png", { method: "POST", body: Buffer.from(pngBytes()) }),
        deps(customer),
      );
      const { id } = (await res.json()) as { id: number };
      await apiAs(db, customer).tickets.reply({ ticketId, body: "Screenshot", attachmentIds: [id] });
      const download = await handleDownload(String(id), deps(agent));
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(pngBytes()))).toBe(true);
    } finally {
      await destroy();
    }
  });
});
