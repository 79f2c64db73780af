import { describe, expect, it } from "vitest";
import {
  checkUrl,
  classifyAddress,
  isAddressAllowed,
  isPortAllowed,
  parseCidr,
  STRICT_POLICY,
  type OutboundPolicy,
} from "./address-policy";

describe("classifyAddress", () => {
  const table: [string, "public" | "private" | "forbidden"][] = [
    // IPv4
    ["0.0.0.0", "forbidden"],
    ["0.1.2.3", "forbidden"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.1", "private"],
    ["100.127.255.255", "private"],
    ["100.128.0.1", "public"],
    ["100.100.100.200", "forbidden"],
    ["127.0.0.1", "private"],
    ["127.255.0.9", "private"],
    ["169.254.0.1", "private"],
    ["169.254.169.254", "forbidden"],
    ["172.15.255.255", "public"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.0.0.8", "forbidden"],
    ["192.0.2.10", "forbidden"],
    ["192.168.1.1", "private"],
    ["198.18.0.1", "private"],
    ["198.19.255.255", "private"],
    ["198.20.0.1", "public"],
    ["198.51.100.7", "forbidden"],
    ["203.0.113.9", "forbidden"],
    ["224.0.0.1", "forbidden"],
    ["239.255.255.250", "forbidden"],
    ["240.0.0.1", "forbidden"],
    ["255.255.255.255", "forbidden"],
    ["8.8.8.8", "public"],
    ["93.184.216.34", "public"],
    // IPv6
    ["::", "forbidden"],
    ["::1", "private"],
    ["0:0:0:0:0:0:0:1", "private"],
    ["::127.0.0.1", "forbidden"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fd00:ec2::254", "forbidden"],
    ["fe80::1", "private"],
    ["fe80::1%eth0", "private"],
    ["febf::1", "private"],
    ["ff02::1", "forbidden"],
    ["::ffff:127.0.0.1", "private"],
    ["::ffff:7f00:1", "private"],
    ["::ffff:169.254.169.254", "forbidden"],
    ["::ffff:a9fe:a9fe", "forbidden"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:8.8.8.8", "public"],
    ["::ffff:0:7f00:1", "forbidden"],
    ["64:ff9b::7f00:1", "forbidden"],
    ["64:ff9b::808:808", "forbidden"],
    ["64:ff9b:1::1", "forbidden"],
    ["2001:db8::1", "forbidden"],
    ["2001:0:4136:e378::1", "forbidden"],
    ["2002:7f00:1::1", "forbidden"],
    ["2002:0808:0808::1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["2a00:1450:4001:80b::200e", "public"],
    ["[::1]", "private"],
    // Not addresses at all.
    ["localhost", "forbidden"],
    ["", "forbidden"],
    ["1.2.3", "forbidden"],
  ];
  it.each(table)("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe("isAddressAllowed", () => {
  const all: OutboundPolicy = { allowHttp: false, allowPrivate: true };
  const some: OutboundPolicy = { allowHttp: false, allowPrivate: ["127.0.0.1/32", "10.1.0.0/16", "fd00::/8", "169.254.169.254"] };
  const table: [string, boolean, boolean, boolean][] = [
    // address, strict, all private, some private
    ["8.8.8.8", true, true, true],
    ["127.0.0.1", false, true, true],
    ["127.0.0.2", false, true, false],
    ["::ffff:127.0.0.1", false, true, true],
    ["::1", false, true, false],
    ["10.1.200.3", false, true, true],
    ["10.2.0.1", false, true, false],
    ["fd00::5", false, true, true],
    ["169.254.169.254", false, false, false],
    ["0.0.0.0", false, false, false],
    ["224.0.0.1", false, false, false],
    ["::", false, false, false],
    ["not-an-ip", false, false, false],
  ];
  it.each(table)("%s: strict %s, all private %s, listed ranges %s", (address, strict, allPrivate, listed) => {
    expect(isAddressAllowed(address, STRICT_POLICY)).toBe(strict);
    expect(isAddressAllowed(address, all)).toBe(allPrivate);
    expect(isAddressAllowed(address, some)).toBe(listed);
  });
});

describe("parseCidr", () => {
  it("reads ranges and single addresses, and names what it cannot read", () => {
    expect(parseCidr("10.0.0.0/8")).toMatchObject({ family: 4, bits: 8 });
    expect(parseCidr("10.9.9.9/8").base).toBe(parseCidr("10.0.0.0/8").base);
    expect(parseCidr("::1")).toMatchObject({ family: 6, bits: 128 });
    for (const bad of ["10.0.0.0/33", "::/129", "host.internal", "10.0.0.0/8/1", "10.0.0.0/x", ""]) {
      expect(() => parseCidr(bad)).toThrow(/is not an IP address or CIDR range/);
    }
  });
});

describe("isPortAllowed", () => {
  it.each([
    [80, true],
    [443, true],
    [1024, true],
    [8080, true],
    [8443, true],
    [65535, true],
    [22, false],
    [25, false],
    [0, false],
    [1023, false],
    [3306, false],
    [6379, false],
    [2375, false],
    [11211, false],
    [65536, false],
  ])("%i: %s", (port, ok) => {
    expect(isPortAllowed(port)).toBe(ok);
  });
});

describe("checkUrl", () => {
  const http: OutboundPolicy = { allowHttp: true, allowPrivate: false };
  const table: [string, OutboundPolicy, string | null][] = [
    ["https://hooks.example.com/x", STRICT_POLICY, null],
    ["https://hooks.example.com:8443/x", STRICT_POLICY, null],
    ["http://hooks.example.com/x", STRICT_POLICY, "scheme"],
    ["http://hooks.example.com/x", http, null],
    ["ftp://hooks.example.com/x", http, "scheme"],
    ["file:///etc/passwd", http, "scheme"],
    ["gopher://127.0.0.1:6379/_x", http, "scheme"],
    ["https://user:pass@hooks.example.com/", STRICT_POLICY, "credentials"],
    ["https://hooks.example.com:22/", STRICT_POLICY, "port"],
    ["https://hooks.example.com:6379/", STRICT_POLICY, "port"],
    ["https://127.0.0.1/", STRICT_POLICY, "address"],
    ["https://169.254.169.254/latest/meta-data/", STRICT_POLICY, "address"],
    ["https://169.254.169.254/latest/meta-data/", { allowHttp: true, allowPrivate: true }, "address"],
    ["https://2130706433/", STRICT_POLICY, "address"],
    ["https://0x7f.1/", STRICT_POLICY, "address"],
    ["https://0177.0.0.1/", STRICT_POLICY, "address"],
    ["https://127.1/", STRICT_POLICY, "address"],
    ["https://[::1]/", STRICT_POLICY, "address"],
    ["https://[::ffff:127.0.0.1]/", STRICT_POLICY, "address"],
    ["https://[0:0:0:0:0:ffff:a9fe:a9fe]/", STRICT_POLICY, "address"],
    ["https://0.0.0.0/", STRICT_POLICY, "address"],
    ["https://[::]/", STRICT_POLICY, "address"],
    ["https://10.0.0.1/", STRICT_POLICY, "address"],
    ["https://10.0.0.1/", { allowHttp: false, allowPrivate: ["10.0.0.0/8"] }, null],
    ["https://8.8.8.8/", STRICT_POLICY, null],
    ["https://[2606:4700:4700::1111]/", STRICT_POLICY, null],
    ["not a url", STRICT_POLICY, "scheme"],
  ];
  it.each(table)("%s -> %s", (url, policy, reason) => {
    const r = checkUrl(url, policy);
    expect(r.ok ? null : r.reason).toBe(reason);
  });

  it("gives the hostname without brackets and the effective port", () => {
    expect(checkUrl("https://[2606:4700:4700::1111]/", STRICT_POLICY)).toMatchObject({
      ok: true,
      hostname: "2606:4700:4700::1111",
      port: 443,
      literal: true,
    });
    expect(checkUrl("http://hooks.example.com/", http)).toMatchObject({
      ok: true,
      hostname: "hooks.example.com",
      port: 80,
      literal: false,
    });
  });
});
