import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { clientIp } from "./auth/request-info";

describe("configuration", () => {
  it("runs on embedded defaults with nothing set", () => {
    expect(parseEnv({})).toMatchObject({ DATA_DIR: "data", JOBS_ENABLED: "true", SEED_DEMO: "true", TRUSTED_PROXY_HOPS: 1 });
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL: must be mysql:\/\//);
    expect(() => parseEnv({ NEXTAUTH_URL: "not a url" })).toThrow(/NEXTAUTH_URL/);
    expect(() => parseEnv({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "zero" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("client address", () => {
  const h = (xff: string) => new Headers({ "x-forwarded-for": xff });
  it("takes the entry the nearest trusted proxy added", () => {
    expect(clientIp(h("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIp(h("203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    expect(clientIp(h("203.0.113.9"), 3)).toBe("203.0.113.9");
    expect(clientIp(new Headers(), 1)).toBe("unknown");
  });
});
