import { describe, expect, it } from "vitest";
import { RESOURCE_POLICY, documentPolicy, publicUrlOf, securityHeaders, strictTransportSecurity } from "./security-headers.mjs";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("the Content-Security-Policy of pages", () => {
  it("a page rendered per request allows its nonce and what those scripts load, never inline script as such", () => {
    const policy = documentPolicy({ nonce: "abc123+/=" });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123+/=' 'strict-dynamic'");
    expect(directive(policy, "script-src")).not.toContain("unsafe");
  });

  it("a cached page lists the hashes of its inline scripts beside 'self', without 'strict-dynamic'", () => {
    const policy = documentPolicy({ hashes: ["'sha256-AAA='", "'sha256-BBB='"] });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'sha256-AAA=' 'sha256-BBB='");
  });

  it("with neither, no inline script runs", () => {
    expect(directive(documentPolicy(), "script-src")).toBe("script-src 'self'");
  });

  it("development adds 'unsafe-eval' (React needs it there) and nothing else", () => {
    expect(directive(documentPolicy({ nonce: "n", dev: true }), "script-src")).toBe(
      "script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'",
    );
  });

  it("every page policy forbids framing, plugins and foreign bases and forms", () => {
    for (const policy of [documentPolicy(), documentPolicy({ nonce: "n" }), documentPolicy({ hashes: ["'sha256-x'"] })]) {
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'self'");
      expect(policy).toContain("form-action 'self'");
      expect(policy.startsWith("default-src 'self'; script-src ")).toBe(true);
    }
  });

  it("responses that are not HTML allow nothing", () => {
    expect(RESOURCE_POLICY).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });

  it("the fallback list next.config.ts sends has no inline script either", () => {
    const csp = securityHeaders.find((h) => h.key === "Content-Security-Policy")!.value;
    expect(directive(csp, "script-src")).toBe("script-src 'self'");
    expect(securityHeaders.map((h) => h.key)).toEqual([
      "X-Content-Type-Options",
      "X-Frame-Options",
      "Referrer-Policy",
      "Permissions-Policy",
      "Content-Security-Policy",
    ]);
  });
});

describe("Strict-Transport-Security", () => {
  it("only when the public URL is https", () => {
    expect(strictTransportSecurity("https://support.example.com")).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity("HTTPS://support.example.com/")).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity("http://localhost:3000")).toBeUndefined();
    expect(strictTransportSecurity("")).toBeUndefined();
    expect(strictTransportSecurity(undefined)).toBeUndefined();
  });

  it("the public URL is APP_URL, else NEXTAUTH_URL, as appUrl() reads it", () => {
    expect(publicUrlOf({ APP_URL: "https://a.example", NEXTAUTH_URL: "http://b.example" })).toBe("https://a.example");
    expect(publicUrlOf({ APP_URL: "", NEXTAUTH_URL: "https://b.example" })).toBe("https://b.example");
    expect(publicUrlOf({})).toBe("");
  });
});
