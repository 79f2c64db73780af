import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("webhook outbound settings", () => {
  it("default to https and public addresses only", () => {
    expect(parseEnv({})).toMatchObject({ WEBHOOK_ALLOW_HTTP: "false", WEBHOOK_ALLOW_PRIVATE: false });
  });

  it("read true, false or a list of ranges", () => {
    expect(parseEnv({ WEBHOOK_ALLOW_HTTP: "true", WEBHOOK_ALLOW_PRIVATE: "true" })).toMatchObject({
      WEBHOOK_ALLOW_HTTP: "true",
      WEBHOOK_ALLOW_PRIVATE: true,
    });
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE: "10.1.0.0/16, fd00::/8 192.168.5.7" }).WEBHOOK_ALLOW_PRIVATE).toEqual([
      "10.1.0.0/16",
      "fd00::/8",
      "192.168.5.7",
    ]);
  });

  it("name the variable when a value is wrong", () => {
    expect(() => parseEnv({ WEBHOOK_ALLOW_HTTP: "yes" })).toThrow(/WEBHOOK_ALLOW_HTTP/);
    expect(() => parseEnv({ WEBHOOK_ALLOW_PRIVATE: "10.0.0.0/8, hooks.internal" })).toThrow(
      /WEBHOOK_ALLOW_PRIVATE: "hooks.internal" is not an IP address or CIDR range/,
    );
  });
});
