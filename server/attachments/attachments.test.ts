import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, countRows, errorCode, makeAgent, makeCustomer } from "@/tests/factories";
import { htmlBytes, pngBytes } from "@/tests/attachment-files";
import type { Actor, RequestCtx } from "../context";
import type { DB } from "../db";
import { createMemoryRateLimits } from "../shared-state/rate-limits";
import { ORPHAN_AFTER_MS, sweepOrphanAttachments, type AttachmentLimits } from "./attachments";
import { handleDownload, handleUpload, type AttachmentHttpDeps } from "./http";
import { createLocalStorage } from "./storage";
import { addMessage } from "../tickets/add-message";

/** The domain error's code of a call that must fail. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "none",
    (err: { code?: string }) => err.code ?? "unknown",
  );
}

const LIMITS: AttachmentLimits = { maxFileBytes: 4096, maxMessageBytes: 6000, maxFiles: 3 };

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "mayak-attachments-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Every blob the local storage holds. */
async function blobs(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of await fs.readdir(root).catch(() => [])) out.push(...(await fs.readdir(path.join(root, sub))));
  return out.sort();
}

describeEachDialect("attachments", (use, dialect) => {
  let customer: Actor, stranger: Actor, agent: Actor;
  let ticketId: number;
  let root: string;
  const rateLimits = createMemoryRateLimits();

  const ctxOf = (actor: Actor | null, now = Date.now()): RequestCtx => ({ actor, ip: "127.0.0.1", userAgent: "vitest", now: () => now });
  const deps = (actor: Actor | null, now?: number): AttachmentHttpDeps => ({
    db: use(),
    ctx: ctxOf(actor, now),
    storage: createLocalStorage(root),
    limits: LIMITS,
    rateLimits,
    locale: "en",
  });
  const upload = (actor: Actor | null, name: string, bytes: Uint8Array, now?: number) =>
    handleUpload(
      new Request(`http://mayak.test/api/attachments?name=${encodeURIComponent(name)}`, { method: "POST", body: Buffer.from(bytes) }),
      deps(actor, now),
    );
  const rows = (db: DB) => db.selectFrom("ticket_attachments").selectAll().orderBy("id").execute();

  beforeAll(async () => {
    const db = use();
    root = path.join(dir, dialect);
    [customer, stranger, agent] = await Promise.all([makeCustomer(db), makeCustomer(db), makeAgent(db)]);
    ticketId = (await apiAs(db, customer).tickets.create({ subject: "Checkout page broken", description: "The pay button does nothing." }))
      .id;
  });

  it("stores a screenshot as a pending upload that only its uploader can fetch", async () => {
    const res = await upload(customer, "Screenshot 2026-12-03.png", pngBytes());
    expect(res.status).toBe(201);
    const file = (await res.json()) as { id: number; name: string; inline: boolean; contentType: string };
    expect(file).toMatchObject({ name: "Screenshot 2026-12-03.png", inline: true, contentType: "image/png" });
    expect((await handleDownload(String(file.id), deps(customer))).status).toBe(200);
    expect((await handleDownload(String(file.id), deps(agent))).status, "not sent yet: nobody else sees it").toBe(404);
    expect((await blobs(root)).length).toBe(1);
  });

  it("refuses a .png that is really HTML, and a file over the limit, leaving no file and no row", async () => {
    const db = use();
    const before = { rows: (await rows(db)).length, blobs: (await blobs(root)).length, audit: await countRows(db, "audit_events") };
    const spoof = await upload(customer, "cat.png", htmlBytes());
    expect(spoof.status).toBe(400);
    expect(((await spoof.json()) as { error: string }).error).toMatch(/can’t be attached/);
    const big = await upload(customer, "big.png", new Uint8Array(LIMITS.maxFileBytes + 1));
    expect(big.status).toBe(413);
    expect((await upload(null, "a.png", pngBytes())).status).toBe(401);
    expect({ rows: (await rows(db)).length, blobs: (await blobs(root)).length, audit: await countRows(db, "audit_events") }).toEqual(
      before,
    );
  });

  it("links files to a reply in its transaction; the ticket's readers may download them, with safe headers", async () => {
    const db = use();
    const png = (await (await upload(customer, "step1.png", pngBytes(3, 3))).json()) as { id: number };
    const log = (await (await upload(customer, "console.log", new TextEncoder().encode("TypeError: x is undefined\n"))).json()) as {
      id: number;
    };
    const sent = await apiAs(db, customer).tickets.reply({ ticketId, body: "Here is what I see", attachmentIds: [png.id, log.id] });
    const view = await apiAs(db, agent).tickets.get({ id: ticketId });
    const message = view.messages.find((m) => m.id === sent.id)!;
    expect(message.attachments.map((a) => a.name)).toEqual(["step1.png", "console.log"]);

    const image = await handleDownload(String(png.id), deps(agent));
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-disposition")).toMatch(/^inline; filename="step1.png"/);
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(pngBytes(3, 3)))).toBe(true);
    const text = await handleDownload(String(log.id), deps(customer));
    expect(text.headers.get("content-disposition")).toMatch(/^attachment; filename="console.log"/);
    expect(await text.text()).toBe("TypeError: x is undefined\n");

    expect((await handleDownload(String(png.id), deps(stranger))).status, "another customer").toBe(404);
    expect((await handleDownload(String(png.id), deps(null))).status).toBe(401);
    expect((await handleDownload("999999", deps(agent))).status).toBe(404);
    expect((await handleDownload("../../etc", deps(agent))).status).toBe(404);
    expect(await errorCode(apiAs(db, customer).attachments.discard({ id: png.id })), "sent files cannot be taken back").toBe("NOT_FOUND");
  });

  it("a new ticket's description takes files in the ticket's transaction; a refused claim files no ticket", async () => {
    const db = use();
    const shot = (await (await upload(customer, "error.png", pngBytes(2, 2))).json()) as { id: number };
    const theirs = (await (await upload(stranger, "other.png", pngBytes())).json()) as { id: number };
    const tickets = await countRows(db, "tickets");
    expect(
      await errorCode(
        apiAs(db, customer).tickets.create({ subject: "Broken cart", description: "The cart empties itself.", attachmentIds: [theirs.id] }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await countRows(db, "tickets")).toBe(tickets);

    const { id } = await apiAs(db, customer).tickets.create({
      subject: "Broken cart",
      description: "The cart empties itself.",
      attachmentIds: [shot.id],
    });
    const view = await apiAs(db, agent).tickets.get({ id });
    expect(view.attachments.map((a) => a.name)).toEqual(["error.png"]);
    expect((await handleDownload(String(shot.id), deps(customer))).status).toBe(200);
    expect((await handleDownload(String(shot.id), deps(stranger))).status).toBe(404);
  });

  it("keeps a note's files from the customer", async () => {
    const db = use();
    const f = (await (await upload(agent, "internal.png", pngBytes())).json()) as { id: number };
    await apiAs(db, agent).tickets.reply({ ticketId, body: "Staff only", kind: "note", attachmentIds: [f.id] });
    expect((await handleDownload(String(f.id), deps(agent))).status).toBe(200);
    expect((await handleDownload(String(f.id), deps(customer))).status).toBe(404);
    const seen = await apiAs(db, customer).tickets.get({ id: ticketId });
    expect(seen.messages.flatMap((m) => m.attachments).map((a) => a.id)).not.toContain(f.id);
  });

  it("a refused message leaves its files pending and writes nothing; someone else's upload cannot be claimed", async () => {
    const db = use();
    const mine = (await (await upload(customer, "a.png", pngBytes())).json()) as { id: number };
    const theirs = (await (await upload(stranger, "b.png", pngBytes())).json()) as { id: number };
    const messages = await countRows(db, "ticket_messages");
    expect(await errorCode(apiAs(db, customer).tickets.reply({ ticketId, body: "x", attachmentIds: [mine.id, theirs.id] }))).toBe(
      "BAD_REQUEST",
    );
    expect(await errorCode(apiAs(db, stranger).tickets.reply({ ticketId, body: "x", attachmentIds: [theirs.id] }))).toBe("NOT_FOUND");
    const many: number[] = [];
    for (let i = 0; i < LIMITS.maxFiles; i++)
      many.push(((await (await upload(customer, `s${i}.png`, pngBytes())).json()) as { id: number }).id);
    expect(await codeOf(addMessage(db, ctxOf(customer), { ticketId, body: "x", attachmentIds: [mine.id, ...many] }, "", LIMITS))).toBe(
      "INVALID_INPUT",
    );
    expect(await countRows(db, "ticket_messages")).toBe(messages);
    const pending = (await rows(db)).filter((r) => [mine.id, theirs.id, ...many].includes(r.id));
    expect(pending.every((r) => r.ticket_id === null)).toBe(true);
    // A reply made of files alone is fine.
    await apiAs(db, customer).tickets.reply({ ticketId, attachmentIds: [mine.id] });
  });

  it("the per-message total is enforced", async () => {
    const db = use();
    const big = async () => {
      const bytes = new Uint8Array(3500);
      bytes.set(pngBytes());
      return ((await (await upload(customer, "big.png", bytes)).json()) as { id: number }).id;
    };
    const ids = [await big(), await big()];
    expect(await codeOf(addMessage(db, ctxOf(customer), { ticketId, body: "two", attachmentIds: ids }, "", LIMITS))).toBe("INVALID_INPUT");
    await addMessage(db, ctxOf(customer), { ticketId, body: "one", attachmentIds: [ids[0]] }, "", LIMITS);
  });

  it("the uploader can discard a pending file; orphans are swept with their blobs after a day", async () => {
    const db = use();
    const a = (await (await upload(customer, "discard.png", pngBytes())).json()) as { id: number };
    const keyA = (await rows(db)).find((r) => r.id === a.id)!.storage_key;
    expect(await errorCode(apiAs(db, stranger).attachments.discard({ id: a.id }))).toBe("NOT_FOUND");
    const storage = createLocalStorage(root);
    // The router uses the app's storage; the domain call with this storage is what the router runs.
    const { discardAttachment } = await import("./attachments");
    await discardAttachment(db, ctxOf(customer), storage, a.id);
    expect(await blobs(root)).not.toContain(keyA);

    const old = Date.now() - ORPHAN_AFTER_MS - 1000;
    const orphan = (await (await upload(customer, "orphan.png", pngBytes(), old)).json()) as { id: number };
    const keyO = (await rows(db)).find((r) => r.id === orphan.id)!.storage_key;
    const linkedBefore = (await rows(db)).filter((r) => r.ticket_id !== null).length;
    expect(await sweepOrphanAttachments(db, storage, Date.now())).toBe(1);
    expect((await rows(db)).some((r) => r.id === orphan.id)).toBe(false);
    expect(await blobs(root)).not.toContain(keyO);
    expect((await rows(db)).filter((r) => r.ticket_id !== null).length, "sent files stay").toBe(linkedBefore);
  });
});
