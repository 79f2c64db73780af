import "server-only";
import crypto from "node:crypto";

/**
 * How an audit event is sealed into the hash chain so that personal data can leave it later.
 *
 * The chain hash covers the event's plain fields (actor id and role, action, entity type, time, previous
 * hash) and, for each personal field, a digest `sha256([field, salt, value])`. The salt of each field is
 * HMAC-SHA256(payload_key, field), with `payload_key` a random secret stored on the event. Redacting a field
 * stores its digest in `redactions` and clears the value; the key is dropped and the salts of the fields
 * that stay are stored instead, so a removed value (an address, an email) cannot be found again by guessing
 * and hashing candidates. The chain hash does not change, so the chain still verifies, and the event shows as
 * redacted rather than edited. The migration 2026_12_03_0008 holds a frozen copy of this formula.
 */
export const SEALED_FIELDS = ["entity_id", "before_json", "after_json", "ip", "user_agent"] as const;
export type SealedField = (typeof SEALED_FIELDS)[number];

/** What a redacted field holds afterwards. */
export const REDACTED_VALUE: { [F in SealedField]: F extends "before_json" | "after_json" ? null : string } = {
  entity_id: "[redacted]",
  before_json: null,
  after_json: null,
  ip: "",
  user_agent: "",
};

export interface Redactions {
  /** Salts of the fields that were kept. */
  salts: Partial<Record<SealedField, string>>;
  /** Digests of the fields that were removed. */
  digests: Partial<Record<SealedField, string>>;
}

export interface HashedFields {
  actor_id: number | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  ip: string;
  user_agent: string;
  created_at: number;
  prev_hash: string;
  /** Absent or null without redactions: the digests are unsalted (rows written by hand, as bench/ does). */
  payload_key?: string | null;
  /** JSON of Redactions, or null. */
  redactions?: string | null;
}

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

export function newPayloadKey(): string {
  return crypto.randomBytes(16).toString("hex");
}

export function fieldSalt(key: string | null | undefined, field: SealedField): string {
  return key ? crypto.createHmac("sha256", key).update(field).digest("hex") : "";
}

export function fieldDigest(field: SealedField, salt: string, value: string | null): string {
  return sha256(JSON.stringify([field, salt, value]));
}

export function parseRedactions(text: string | null | undefined): Redactions | null {
  if (!text) return null;
  const r = JSON.parse(text) as Partial<Redactions>;
  return { salts: r.salts ?? {}, digests: r.digests ?? {} };
}

/** The digest of each personal field, from its value or, once it was redacted, as stored. */
function digestsOf(e: HashedFields): string[] {
  const red = parseRedactions(e.redactions);
  return SEALED_FIELDS.map((f) => {
    if (!red) return fieldDigest(f, fieldSalt(e.payload_key, f), e[f]);
    const removed = red.digests[f];
    if (removed !== undefined) return removed;
    const salt = red.salts[f];
    // Neither a digest nor a salt: nothing can match, so the event shows as edited.
    return salt === undefined ? "" : fieldDigest(f, salt, e[f]);
  });
}

/** The chain hash of one event. */
export function hashEvent(e: HashedFields): string {
  return sha256(
    JSON.stringify([
      "mayak-audit/2",
      e.prev_hash,
      e.actor_id,
      e.actor_role,
      e.action,
      e.entity_type,
      Number(e.created_at),
      ...digestsOf(e),
    ]),
  );
}

/**
 * The new values of an event whose `fields` are removed: placeholders, the redactions record, no key.
 * Fields removed earlier stay removed; null when there is nothing left to remove.
 */
export function redactedValues(
  e: Pick<HashedFields, SealedField | "payload_key" | "redactions">,
  fields: readonly SealedField[],
): (Partial<Pick<HashedFields, SealedField>> & { payload_key: null; redactions: string }) | null {
  const before = parseRedactions(e.redactions);
  const next: Redactions = before ?? {
    salts: Object.fromEntries(SEALED_FIELDS.map((f) => [f, fieldSalt(e.payload_key, f)])),
    digests: {},
  };
  const values: Partial<Record<SealedField, string | null>> = {};
  for (const f of fields) {
    const salt = next.salts[f];
    if (salt === undefined) continue;
    next.digests[f] = fieldDigest(f, salt, e[f]);
    delete next.salts[f];
    values[f] = REDACTED_VALUE[f];
  }
  if (Object.keys(values).length === 0) return null;
  return { ...(values as Partial<Pick<HashedFields, SealedField>>), payload_key: null, redactions: JSON.stringify(next) };
}

/** The fields of an event that have been redacted. */
export function redactedFields(redactions: string | null | undefined): SealedField[] {
  const red = parseRedactions(redactions);
  return red ? SEALED_FIELDS.filter((f) => red.digests[f] !== undefined) : [];
}
