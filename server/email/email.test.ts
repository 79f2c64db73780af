import { beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { manualClock } from "../clock";
import { createWorker } from "../jobs/worker";
import { EMAIL_SEND_JOB, queueEmail } from "./queue-email";
import { makeEmailHandler } from "./send-email";
import { findOutboxEmails } from "./find-emails";
import { startFakeSmtp, unusedPort } from "@/tests/fake-smtp";

describeEachDialect("email outbox", (use) => {
  const clock = manualClock();
  beforeEach(async () => {
    await use().deleteFrom("jobs").execute();
    await use().deleteFrom("outbox_emails").execute();
  });
  const getEmail = (id: number) => use().selectFrom("outbox_emails").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const jobOf = (emailId: number) =>
    use()
      .selectFrom("jobs")
      .selectAll()
      .where("type", "=", EMAIL_SEND_JOB)
      .where("payload", "=", JSON.stringify({ emailId }))
      .executeTakeFirstOrThrow();
  const workerWith = (smtpUrl?: string) =>
    createWorker({
      db: use(),
      now: clock.now,
      log: { error: () => undefined },
      handlers: { [EMAIL_SEND_JOB]: makeEmailHandler({ db: use(), smtpUrl, from: "Mayak <support@mayak.test>", now: clock.now }) },
    });
  const queue = (subject: string) =>
    use()
      .transaction()
      .execute((trx) => queueEmail(trx, clock.now(), { to: " user@example.test ", subject, text: "Hello\n.\nBye" }));

  it("queues the message and its job together, or neither", async () => {
    const db = use();
    await expect(
      db.transaction().execute(async (trx) => {
        await queueEmail(trx, clock.now(), { to: "a@example.test", subject: "Lost", text: "x" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db.selectFrom("outbox_emails").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("jobs").select("id").execute()).toEqual([]);
    const id = await queue("Kept");
    expect(await getEmail(id)).toMatchObject({ status: "queued", to_address: "user@example.test" });
    expect(await jobOf(id)).toMatchObject({ status: "pending" });
  });

  it("keeps the message in the outbox when no SMTP server is configured", async () => {
    const id = await queue("Welcome");
    expect(await workerWith().runOnce()).toBe(1);
    expect(await getEmail(id)).toMatchObject({ status: "kept", sent_at: null, error: null });
    expect((await jobOf(id)).status).toBe("done");
    const page = await findOutboxEmails(use(), { limit: 10 });
    expect(page).toMatchObject({ nextCursor: null, items: [{ id, subject: "Welcome", status: "kept", text: "Hello\n.\nBye" }] });
  });

  it("stores the SMTP error, retries, and ends failed when the job goes dead", async () => {
    const id = await queue("Unreachable");
    const worker = workerWith(`smtp://127.0.0.1:${await unusedPort()}`);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await worker.runOnce()).toBe(1);
      const job = await jobOf(id);
      const email = await getEmail(id);
      expect(email.error).toContain("ECONNREFUSED");
      if (attempt < 5) {
        expect(job).toMatchObject({ status: "pending", attempts: attempt });
        expect(email.status).toBe("queued");
        clock.set(job.run_at);
      } else {
        expect(job).toMatchObject({ status: "dead", attempts: 5 });
        expect(job.last_error).toContain("ECONNREFUSED");
        expect(email.status).toBe("failed");
      }
    }
  });

  it("sends through SMTP once, and a repeated job does not send again", async () => {
    const smtp = await startFakeSmtp();
    try {
      const id = await queue("Your ticket #12");
      const worker = workerWith(`smtp://127.0.0.1:${smtp.port}`);
      expect(await worker.runOnce()).toBe(1);
      expect(await getEmail(id)).toMatchObject({ status: "sent", sent_at: clock.now(), error: null });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].from).toBe("<support@mayak.test>");
      expect(smtp.received[0].to).toEqual(["<user@example.test>"]);
      expect(smtp.received[0].data).toContain("Subject: Your ticket #12");
      expect(smtp.received[0].data).toContain("Hello\r\n..\r\nBye"); // dot-stuffed on the wire

      await use()
        .insertInto("jobs")
        .values({ ...(await jobOf(id)), id: undefined, status: "pending", attempts: 0 })
        .execute();
      expect(await worker.runOnce()).toBe(1);
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it("pages the outbox newest first", async () => {
    const ids = [await queue("one"), await queue("two"), await queue("three")];
    const first = await findOutboxEmails(use(), { limit: 2 });
    expect(first.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    const second = await findOutboxEmails(use(), { limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ nextCursor: null, items: [{ id: ids[0], subject: "one" }] });
  });
});
