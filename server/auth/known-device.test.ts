import { describe, expect, it } from "vitest";
import { issueKnownDevice, KNOWN_DEVICE_MAX_AGE_SEC, knownDeviceFrom, knownDeviceSetCookie, readKnownDevice } from "./known-device";

const SECRET = "known-device-test-secret-0123456789";
const NOW = Date.UTC(2026, 11, 3, 9, 0, 0);

describe("known-device cookie", () => {
  it("reads back the device for the account it was issued to, and keeps a device id it is given", () => {
    const value = issueKnownDevice(SECRET, "ann@example.test", NOW);
    const device = readKnownDevice(SECRET, value, "ann@example.test", NOW + 1000);
    expect(device).toMatch(/^[\w-]{22}$/);
    expect(readKnownDevice(SECRET, issueKnownDevice(SECRET, "ann@example.test", NOW, device!), "ann@example.test", NOW)).toBe(device);
  });

  it("is worth nothing for another account, under another secret, edited, expired or malformed", () => {
    const value = issueKnownDevice(SECRET, "ann@example.test", NOW);
    const [id, issued, sig] = value.split(".");
    expect(readKnownDevice(SECRET, value, "bob@example.test", NOW)).toBeNull();
    expect(readKnownDevice("another-secret-another-secret-0000", value, "ann@example.test", NOW)).toBeNull();
    expect(readKnownDevice(SECRET, `${id}.${Number(issued) + 1}.${sig}`, "ann@example.test", NOW)).toBeNull();
    expect(
      readKnownDevice(SECRET, `${id.replace(/^./, (c) => (c === "A" ? "B" : "A"))}.${issued}.${sig}`, "ann@example.test", NOW),
    ).toBeNull();
    expect(readKnownDevice(SECRET, value, "ann@example.test", NOW + (KNOWN_DEVICE_MAX_AGE_SEC + 1) * 1000)).toBeNull();
    expect(
      readKnownDevice(SECRET, issueKnownDevice(SECRET, "ann@example.test", NOW + 3600_000), "ann@example.test", NOW),
      "issued in the future",
    ).toBeNull();
    for (const bad of [undefined, "", "x", "a.b.c", `${id}.${issued}`, `${id}.${issued}.${sig}.x`]) {
      expect(readKnownDevice(SECRET, bad, "ann@example.test", NOW), String(bad)).toBeNull();
    }
  });

  it("is HttpOnly, SameSite=Lax, sent only to the sign-in endpoint, and Secure over https", () => {
    expect(knownDeviceSetCookie("v", false)).toBe(
      `mayak-device=v; Path=/api/auth; Max-Age=${KNOWN_DEVICE_MAX_AGE_SEC}; HttpOnly; SameSite=Lax`,
    );
    expect(knownDeviceSetCookie("v", true)).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
  });

  it("is found among the other cookies of a request", () => {
    expect(knownDeviceFrom("a=1; mayak-device=abc.1.sig; next-auth.csrf-token=x")).toBe("abc.1.sig");
    expect(knownDeviceFrom("xmayak-device=1")).toBeUndefined();
    expect(knownDeviceFrom(null)).toBeUndefined();
  });
});
