import { describe, expect, it } from "vitest";
import { fieldDigest, fieldSalt, hashEvent, newPayloadKey, redactedFields, redactedValues, type HashedFields } from "./seal";

const event = (over: Partial<HashedFields> = {}): HashedFields => ({
  actor_id: 7,
  actor_role: "customer",
  action: "user.signed_up",
  entity_type: "user",
  entity_id: "7",
  before_json: null,
  after_json: '{"email":"anna@example.com","name":"Anna Petrova"}',
  ip: "203.0.113.9",
  user_agent: "Firefox",
  created_at: 1_700_000_000_000,
  prev_hash: "0".repeat(64),
  payload_key: newPayloadKey(),
  ...over,
});

describe("sealed audit events", () => {
  it("a change to any field, personal or not, changes the hash", () => {
    const e = event();
    const h = hashEvent(e);
    for (const change of [
      { ip: "203.0.113.10" },
      { after_json: "{}" },
      { entity_id: "8" },
      { action: "x" },
      { actor_id: 8 },
      { created_at: 1 },
      { prev_hash: "1".repeat(64) },
    ]) {
      expect(hashEvent({ ...e, ...change })).not.toBe(h);
    }
  });

  it("redacting fields keeps the hash, clears the values and drops the key", () => {
    const e = event();
    const h = hashEvent(e);
    const v = redactedValues(e, ["ip", "user_agent", "after_json"])!;
    const after = { ...e, ...v };
    expect(after).toMatchObject({ ip: "", user_agent: "", after_json: null, payload_key: null, entity_id: "7" });
    expect(hashEvent(after)).toBe(h);
    expect(redactedFields(after.redactions)).toEqual(["after_json", "ip", "user_agent"]);
    // What remains holds no value and no salt of the removed fields: a guessed address cannot be confirmed.
    expect(after.redactions).not.toContain("203.0.113.9");
    expect(after.redactions).not.toContain(fieldSalt(e.payload_key, "ip"));
    expect(after.redactions).toContain(fieldSalt(e.payload_key, "entity_id"));
  });

  it("a second redaction adds to the first, and redacting nothing new changes nothing", () => {
    const e = event();
    const h = hashEvent(e);
    const once = { ...e, ...redactedValues(e, ["ip"])! };
    const twice = { ...once, ...redactedValues(once, ["after_json", "ip"])! };
    expect(hashEvent(twice)).toBe(h);
    expect(redactedFields(twice.redactions)).toEqual(["after_json", "ip"]);
    expect(redactedValues(twice, ["ip"])).toBeNull();
  });

  it("a kept field edited after a redaction no longer matches", () => {
    const e = event();
    const red = { ...e, ...redactedValues(e, ["ip"])! };
    expect(hashEvent({ ...red, user_agent: "Chrome" })).not.toBe(hashEvent(e));
    expect(hashEvent({ ...red, ip: "198.51.100.1" })).toBe(hashEvent(e));
  });

  it("salts differ per event and per field", () => {
    const a = newPayloadKey();
    const b = newPayloadKey();
    expect(fieldSalt(a, "ip")).not.toBe(fieldSalt(b, "ip"));
    expect(fieldSalt(a, "ip")).not.toBe(fieldSalt(a, "user_agent"));
    expect(fieldDigest("ip", fieldSalt(a, "ip"), "x")).not.toBe(fieldDigest("ip", fieldSalt(b, "ip"), "x"));
  });
});
