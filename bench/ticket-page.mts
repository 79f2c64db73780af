// `NEXT_DIST_DIR=<build> tsx --conditions=react-server bench/ticket-page.mts`: working one ticket, through the real
// HTTP endpoints of a production build on the embedded SQLite database with the demo data: the ticket as the
// API gives it (conversation, timeline, attachments, requester's other tickets, neighbours), the agent's ticket
// page (HTML), the presence beat every open ticket page sends every 4 s, and the customer's version poll; each
// next to /api/health on the same server, same connections. The conversation is made long first (replies,
// notes, changes, files). Demo scale: it says what one ticket costs, not how the inbox behaves at a million.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startApp } from "./server";
import { load, signIn, USER_AGENT } from "./http";
import { log, machine, writeResults } from "./report";
import { r1, r2, type Summary } from "./stats";
import { pngBytes } from "../tests/attachment-files";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { values: flags } = parseArgs({
  options: { seconds: { type: "string" }, connections: { type: "string" }, messages: { type: "string" } },
});
const seconds = Number(flags.seconds ?? 5);
const connections = Number(flags.connections ?? 4);
const messages = Number(flags.messages ?? 60);

async function trpc(base: string, cookie: string, proc: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${base}/api/trpc/${proc}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", "user-agent": USER_AGENT },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
  if (!res.ok) throw new Error(`${proc}: ${body.error?.message ?? res.status}`);
  return body.result?.data;
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-ticket-page-"));
const app = await startApp({ root, workDir });
try {
  const agent = await signIn(app.base, "agent@mayak.local", "mayak-agent-demo");
  const lead = await signIn(app.base, "lead@mayak.local", "mayak-lead-demo");
  const customer = await signIn(app.base, "customer@mayak.local", "mayak-customer-demo");
  const { id } = (await trpc(app.base, customer, "tickets.create", {
    subject: "Checkout fails after the theme update",
    description: "Since this morning the pay button does nothing on the checkout page.",
  })) as { id: number };
  log(`ticket #${id}: writing ${messages} messages, changes and files`);
  for (let i = 0; i < messages; i++) {
    const who = i % 3 === 0 ? customer : i % 3 === 1 ? agent : lead;
    let attachmentIds: number[] = [];
    if (i % 10 === 0) {
      const up = await fetch(`${app.base}/api/attachments?name=shot-${i}.png`, {
        method: "POST",
        headers: { cookie: who },
        body: Buffer.from(pngBytes(64, 48)),
      });
      attachmentIds = [((await up.json()) as { id: number }).id];
    }
    await trpc(app.base, who, "tickets.reply", {
      ticketId: id,
      body: `Message ${i}: still looking at the checkout.`,
      kind: who === lead && i % 2 ? "note" : "reply",
      attachmentIds,
    });
    if (i % 6 === 1) await trpc(app.base, agent, "inbox.update", { ticketId: id, priority: ["high", "normal", "urgent"][i % 3] });
  }

  const headers = (cookie: string) => ({ cookie, "user-agent": USER_AGENT });
  const input = encodeURIComponent(JSON.stringify({ id }));
  const scenarios: [string, Parameters<typeof load>[0]["request"]][] = [
    ["health (reference)", { method: "GET", path: "/api/health", headers: headers(agent) }],
    ["tickets.get as agent", { method: "GET", path: `/api/trpc/tickets.get?input=${input}`, headers: headers(agent) }],
    ["ticket page /inbox/{id} (HTML)", { method: "GET", path: `/inbox/${id}`, headers: headers(agent) }],
    // Another signed-in page rendered per request, for what any page costs here.
    ["account page /account (HTML, reference)", { method: "GET", path: "/account", headers: headers(agent) }],
    [
      "presence.beat as agent",
      {
        method: "POST",
        path: "/api/trpc/presence.beat",
        headers: { ...headers(agent), "content-type": "application/json" },
        body: JSON.stringify({ ticketId: id, typing: true }),
      },
    ],
    ["tickets.version as customer", { method: "GET", path: `/api/trpc/tickets.version?input=${input}`, headers: headers(customer) }],
  ];
  const results: Record<string, Summary & { non2xx: number }> = {};
  for (const [name, request] of scenarios) {
    log(`${name}: ${seconds} s, ${connections} connections`);
    results[name] = await load({ base: app.base, request, connections, seconds });
  }
  const ref = results["health (reference)"]!;
  console.log("\n| scenario | req/s | p50 ms | p95 ms | p99 ms | non-2xx | rate vs health |\n| --- | --- | --- | --- | --- | --- | --- |");
  for (const [name, s] of Object.entries(results)) {
    console.log(
      `| ${name} | ${r1(s.perSecond)} | ${r1(s.p50)} | ${r1(s.p95)} | ${r1(s.p99)} | ${s.non2xx} | ${r2(s.perSecond / ref.perSecond)} |`,
    );
  }
  writeResults(path.join(here, "results"), "ticket-page", { machine: machine({ messages: String(messages) }), results });
} finally {
  await app.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}
