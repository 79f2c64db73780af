import "server-only";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { Database } from "../db/schema";
import { likeContains } from "../db/like";
import type { SealedField } from "../audit/seal";
import { auditNeedles, containsAny, type ErasedPerson } from "./scrub";

type Row = Pick<Database["audit_events"], "actor_id" | "entity_id" | "before_json" | "after_json" | "ip" | "user_agent"> & { id: number };
type Where = (eb: ExpressionBuilder<Database, "audit_events">) => ReturnType<ExpressionBuilder<Database, "audit_events">["and"]>;

export interface RedactionPlan {
  /** Event id -> the fields to remove. */
  plan: Map<number, SealedField[]>;
  /** The newest event looked at: a second pass (inside the erasure's transaction) starts after it. */
  scannedThrough: number;
}

const TEXT_FIELDS = ["entity_id", "before_json", "after_json", "user_agent"] as const;

/**
 * Which audit fields hold a person's personal data, among the events after `afterId`:
 * - events they did, and anonymous events about them: the address and browser (ip, user_agent), and any
 *   field naming them;
 * - events about their account or their tickets: any field with their email or name;
 * - any other event with their email anywhere (a failed sign-in with their address, a subscription), or
 *   their full name when it is distinctive enough to be theirs (two words, five characters or more).
 * Matching is on the stored text, as typed and JSON-escaped, in any case.
 */
export async function planAuditRedaction(
  executor: Kysely<Database>,
  person: ErasedPerson,
  ticketIds: readonly number[],
  afterId = 0,
): Promise<RedactionPlan> {
  const needles = auditNeedles(person);
  const related = [...needles.email, ...needles.name];
  const anywhere = [...needles.email, ...(needles.distinctiveName ? needles.name : [])];
  const plan = new Map<number, Set<SealedField>>();
  // Events written while this runs are left to the next pass (inside the erasure's transaction).
  const newest = await executor
    .selectFrom("audit_events")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  const scannedThrough = Math.max(afterId, Number(newest?.id ?? 0));

  // An event they did carries their address and browser; so does an anonymous event about them (a failed
  // sign-in with their address, a subscription): whoever it was, the address is most likely theirs.
  const mark = (row: Row, looking: readonly string[], aboutThem: boolean) => {
    const fields = plan.get(row.id) ?? new Set<SealedField>();
    for (const f of TEXT_FIELDS) if (containsAny(row[f], looking)) fields.add(f);
    if (row.actor_id === person.id || (row.actor_id === null && (aboutThem || fields.size > 0))) fields.add("ip").add("user_agent");
    if (fields.size) plan.set(row.id, fields);
  };

  async function scan(where: Where, looking: readonly string[], aboutThem: boolean) {
    let cursor = afterId;
    for (;;) {
      const rows = await executor
        .selectFrom("audit_events")
        .select(["id", "actor_id", "entity_id", "before_json", "after_json", "ip", "user_agent"])
        .where((eb) => eb.and([eb("id", ">", cursor), eb("id", "<=", scannedThrough), where(eb)]))
        .orderBy("id")
        .limit(1000)
        .execute();
      for (const row of rows) mark(row, looking, aboutThem);
      if (rows.length < 1000) return;
      cursor = rows[rows.length - 1].id;
    }
  }

  await scan((eb) => eb.and([eb("actor_id", "=", person.id)]), related, true);
  await scan((eb) => eb.and([eb("entity_type", "=", "user"), eb("entity_id", "=", String(person.id))]), related, true);
  for (let i = 0; i < ticketIds.length; i += 500) {
    const ids = ticketIds.slice(i, i + 500).map(String);
    await scan((eb) => eb.and([eb("entity_type", "=", "ticket"), eb("entity_id", "in", ids)]), related, true);
  }
  if (anywhere.length) {
    await scan((eb) => eb.and([eb.or(anywhere.flatMap((n) => TEXT_FIELDS.map((f) => likeContains(f, n))))]), anywhere, false);
  }
  return { plan: new Map([...plan].map(([id, f]) => [id, [...f]])), scannedThrough };
}
