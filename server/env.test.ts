import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { clientIp } from "./auth/request-info";
import { CLIENT_IP_HEADER, markClientIpStamped } from "@/lib/client-ip.mjs";

describe("configuration", () => {
  it("runs on embedded defaults with nothing set", () => {
    expect(parseEnv({})).toMatchObject({ DATA_DIR: "data", JOBS_ENABLED: "true", SEED_DEMO: "true", TRUSTED_PROXIES: [] });
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL: must be mysql:\/\//);
    expect(() => parseEnv({ NEXTAUTH_URL: "not a url" })).toThrow(/NEXTAUTH_URL/);
    expect(() => parseEnv({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" })).toThrow(
      /TRUSTED_PROXIES: "proxy.internal" is not an IP address/,
    );
  });
});

it("reads the session lifetimes, with defaults of 7 days idle and 30 days at most", () => {
  expect(parseEnv({})).toMatchObject({ SESSION_IDLE_MINUTES: 10_080, SESSION_MAX_DAYS: 30 });
  expect(parseEnv({ SESSION_IDLE_MINUTES: "60", SESSION_MAX_DAYS: "1" })).toMatchObject({ SESSION_IDLE_MINUTES: 60, SESSION_MAX_DAYS: 1 });
  expect(() => parseEnv({ SESSION_IDLE_MINUTES: "a week" })).toThrow(/SESSION_IDLE_MINUTES/);
  expect(() => parseEnv({ SESSION_MAX_DAYS: "0" })).toThrow(/SESSION_MAX_DAYS/);
});

it("reads TRUSTED_PROXIES as a list of addresses and ranges", () => {
  expect(parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8 ::1" }).TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "::1/128"]);
});

describe("client address", () => {
  const forged = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7" };
  it("never believes X-Forwarded-For: without server.mjs in front, every client is unknown", () => {
    expect(clientIp(new Headers(forged))).toBe("unknown");
    expect(clientIp(new Headers({ ...forged, [CLIENT_IP_HEADER]: "6.6.6.8" }))).toBe("unknown");
  });

  it("under server.mjs, is the address it stamped", () => {
    markClientIpStamped();
    expect(clientIp(new Headers({ ...forged, [CLIENT_IP_HEADER]: "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers(forged))).toBe("unknown");
  });
});

describe("attachment settings", () => {
  it("default to 10 MB a file, 25 MB a message, 10 files, kept in the data folder", async () => {
    const { attachmentSettings } = await import("./env");
    const s = attachmentSettings(parseEnv({ DATA_DIR: "/srv/mayak" }));
    expect(s.limits).toEqual({ maxFileBytes: 10 * 1024 * 1024, maxMessageBytes: 25 * 1024 * 1024, maxFiles: 10 });
    expect(s.storage).toEqual({ kind: "local", dir: "/srv/mayak/attachments" });
  });

  it("choose S3 with a bucket, and name what is missing or wrong", async () => {
    const { attachmentSettings } = await import("./env");
    const env = parseEnv({
      ATTACHMENT_STORAGE: "s3",
      S3_BUCKET: "mayak-files",
      S3_ENDPOINT: "http://127.0.0.1:4569",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(attachmentSettings(env).storage).toMatchObject({ kind: "s3", bucket: "mayak-files", region: "us-east-1", forcePathStyle: true });
    expect(() => parseEnv({ ATTACHMENT_STORAGE: "s3" })).toThrow(/S3_BUCKET: is required when ATTACHMENT_STORAGE=s3/);
    expect(() => parseEnv({ ATTACHMENT_STORAGE: "ftp" })).toThrow(/ATTACHMENT_STORAGE/);
    expect(() => parseEnv({ ATTACHMENT_MAX_FILE_MB: "lots" })).toThrow(/ATTACHMENT_MAX_FILE_MB/);
    expect(() => parseEnv({ ATTACHMENT_MAX_FILE_MB: "20", ATTACHMENT_MAX_MESSAGE_MB: "5" })).toThrow(
      /ATTACHMENT_MAX_MESSAGE_MB: must be at least/,
    );
    expect(() => parseEnv({ S3_ACCESS_KEY_ID: "AKIA" })).toThrow(/S3_SECRET_ACCESS_KEY/);
  });
});
