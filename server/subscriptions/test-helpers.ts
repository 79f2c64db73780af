import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DB } from "../db";
import type { Actor } from "../context";
import type { StatusEvent } from "../status/events";
import { emitStatusEvent } from "../status/events";
import { createCaller } from "../trpc/root";
import { getAuthSecret } from "../env";
import { createWorker } from "../jobs/worker";
import { subscriptionJobs, type WebhookOutbound } from "./jobs";
import { linkKeyFrom } from "./tokens";
import { transact } from "../db/transact";

export const APP_URL = "http://mayak.test";

// The subscribe procedure checks URLs against the configured outbound rules: the receivers of these tests
// listen on 127.0.0.1 over plain http (the defaults refuse both). The workers get their rules explicitly.
process.env.WEBHOOK_ALLOW_HTTP ??= "true";
process.env.WEBHOOK_ALLOW_PRIVATE ??= "127.0.0.1/32";
let ipCounter = 0;

/** The API from a fresh client address each time, so the per-address rate limits stay out of the way. */
export function api(db: DB, actor: Actor | null = null, now: () => number = Date.now) {
  const ip = `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
  return createCaller({ db, actor, ip, userAgent: "vitest", now, appUrl: APP_URL, locale: "en" });
}

export const testLinks = () => ({ appUrl: APP_URL, linkKey: linkKeyFrom(getAuthSecret()) });

/**
 * Outbound rules for tests: receivers listen on 127.0.0.1 over plain http, so exactly that address and
 * http are allowed (every other private address stays refused).
 */
export const TEST_OUTBOUND: WebhookOutbound = { policy: { allowHttp: true, allowPrivate: ["127.0.0.1/32"] } };

/** A worker with this area's handlers; sending email is not what these tests look at. */
export function subscriptionWorker(db: DB, now: () => number, webhookTimeoutMs = 2000, outbound: WebhookOutbound = TEST_OUTBOUND) {
  const set = subscriptionJobs(db, { links: testLinks, webhookTimeoutMs, outbound: () => outbound });
  return createWorker({ db, now, handlers: { ...set.handlers, "email.send": async () => undefined }, log: { error: () => undefined } });
}

export async function seedComponent(db: DB, slug: string, now = Date.now()): Promise<number> {
  const r = await db
    .insertInto("status_components")
    .values({
      group_id: null,
      slug,
      name_en: `${slug} (en)`,
      name_ru: `${slug} (ru)`,
      description_en: "",
      description_ru: "",
      status: "operational",
      position: 1,
      created_at: now,
      updated_at: now,
    })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

/** An incident with one update, written as the incidents area would, and its `status.notify` job. */
export async function seedIncidentEvent(
  db: DB,
  now: number,
  opts: {
    title: string;
    components: number[];
    status?: "investigating" | "identified" | "monitoring" | "resolved";
    body?: string;
    type?: "incident.opened" | "incident.updated" | "incident.resolved";
    incidentId?: number;
  },
): Promise<{ incidentId: number; updateId: number }> {
  const status = opts.status ?? "investigating";
  return transact(db, async (trx) => {
    let incidentId = opts.incidentId;
    if (!incidentId) {
      const r = await trx
        .insertInto("incidents")
        .values({
          title: opts.title,
          impact: "major",
          status,
          auto: 0,
          monitor_id: null,
          started_at: now,
          resolved_at: null,
          merged_into_id: null,
          postmortem: null,
          postmortem_published_at: null,
          created_at: now,
          updated_at: now,
        })
        .executeTakeFirstOrThrow();
      incidentId = Number(r.insertId);
      for (const c of opts.components)
        await trx.insertInto("incident_components").values({ incident_id: incidentId, component_id: c, status: "major_outage" }).execute();
    } else {
      await trx
        .updateTable("incidents")
        .set({ status, resolved_at: status === "resolved" ? now : null, updated_at: now })
        .where("id", "=", incidentId)
        .execute();
    }
    const u = await trx
      .insertInto("incident_updates")
      .values({ incident_id: incidentId, status, body: opts.body ?? `Update: ${status}`, author_id: null, created_at: now })
      .executeTakeFirstOrThrow();
    const updateId = Number(u.insertId);
    const event: StatusEvent = { type: opts.type ?? "incident.opened", incidentId, updateId };
    await emitStatusEvent(trx, now, event);
    return { incidentId, updateId };
  });
}

export async function seedMaintenanceEvent(
  db: DB,
  now: number,
  opts: { title: string; components: number[]; type: "maintenance.scheduled" | "maintenance.started" | "maintenance.completed" },
): Promise<number> {
  return transact(db, async (trx) => {
    const status = opts.type === "maintenance.scheduled" ? "scheduled" : opts.type === "maintenance.started" ? "in_progress" : "completed";
    const r = await trx
      .insertInto("maintenances")
      .values({
        title: opts.title,
        body: "Database upgrade",
        starts_at: now + 3600_000,
        ends_at: now + 7200_000,
        status,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    const id = Number(r.insertId);
    for (const c of opts.components)
      await trx.insertInto("maintenance_components").values({ maintenance_id: id, component_id: c }).execute();
    await emitStatusEvent(trx, now, { type: opts.type, maintenanceId: id });
    return id;
  });
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  /** Deliveries (everything but verification calls). */
  received: ReceivedHook[];
  /** `subscription.verify` calls. */
  verifications: ReceivedHook[];
  /** Statuses to answer deliveries with, in turn; then 200. */
  answers: number[];
  /** How verification calls are answered: the challenge as text or in JSON, something else, or a status only. */
  echo: "text" | "json" | "wrong" | "none";
  /** Extra response headers (a redirect's Location). */
  headers: Record<string, string>;
  close: () => Promise<void>;
}

/** A webhook receiver on loopback that verifies like a well-behaved endpoint unless told otherwise. */
export async function startReceiver(opts: { echo?: Receiver["echo"] } = {}): Promise<Receiver> {
  const received: ReceivedHook[] = [];
  const verifications: ReceivedHook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const hook = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      for (const [k, v] of Object.entries(receiver.headers)) res.setHeader(k, v);
      if (req.headers["x-mayak-event"] === "subscription.verify") {
        verifications.push(hook);
        const challenge = (JSON.parse(hook.body) as { challenge?: string }).challenge ?? "";
        res.statusCode = receiver.answers.shift() ?? 200;
        if (receiver.echo === "text") res.end(challenge);
        else if (receiver.echo === "json") res.setHeader("Content-Type", "application/json").end(JSON.stringify({ challenge }));
        else if (receiver.echo === "wrong") res.end(`${challenge}x`);
        else res.end("ok");
        return;
      }
      received.push(hook);
      res.statusCode = receiver.answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hooks/mayak`,
    received,
    verifications,
    answers: [],
    echo: opts.echo ?? "text",
    headers: {},
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}

/** Links found in an email body. */
export function linksIn(text: string): { confirm?: string; unsubscribePage?: string; oneClick?: string } {
  const token = (re: RegExp) => re.exec(text)?.[1];
  return {
    confirm: token(/\/subscriptions\/confirm\/([A-Za-z0-9_-]+)/),
    unsubscribePage: token(/\/subscriptions\/unsubscribe\/([A-Za-z0-9_-]+)/),
    oneClick: token(/\/api\/subscriptions\/unsubscribe\?token=([A-Za-z0-9_-]+)/),
  };
}

export async function outbox(db: DB, to?: string) {
  let q = db.selectFrom("outbox_emails").selectAll().orderBy("id");
  if (to) q = q.where("to_address", "=", to);
  return q.execute();
}

export async function auditActions(db: DB, entityId?: number): Promise<string[]> {
  let q = db.selectFrom("audit_events").select("action").where("entity_type", "=", "status_subscriber").orderBy("id");
  if (entityId !== undefined) q = q.where("entity_id", "=", String(entityId));
  return (await q.execute()).map((r) => r.action);
}
