import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { parseDomains, parseRoleMap } from "./oidc-config";
import { oidcConfigFrom, wellKnownUrl } from "./oidc";

const CONNECTION = { OIDC_ISSUER: "https://login.corp.example/realms/staff", OIDC_CLIENT_ID: "mayak", OIDC_CLIENT_SECRET: "s3cret" };

describe("single sign-on configuration", () => {
  it("is off with nothing set", () => {
    const env = parseEnv({});
    expect(oidcConfigFrom(env)).toBeNull();
    expect(env).toMatchObject({ OIDC_NAME: "Single sign-on", OIDC_JIT: "false", OIDC_ROLE_MAP: [], OIDC_ALLOWED_DOMAINS: [] });
  });

  it("reads a full configuration", () => {
    const env = parseEnv({
      ...CONNECTION,
      OIDC_NAME: "Corp SSO",
      OIDC_JIT: "true",
      OIDC_ROLE_CLAIM: "groups",
      OIDC_ROLE_MAP: "mayak-admins=admin,mayak-leads=lead, support = agent",
      OIDC_ALLOWED_DOMAINS: "corp.example, @Corp.Example.org",
    });
    expect(oidcConfigFrom(env)).toEqual({
      issuer: CONNECTION.OIDC_ISSUER,
      clientId: "mayak",
      clientSecret: "s3cret",
      name: "Corp SSO",
      scopes: "openid email profile",
      jit: true,
      roleClaim: "groups",
      roleMap: [
        { value: "mayak-admins", role: "admin" },
        { value: "mayak-leads", role: "lead" },
        { value: "support", role: "agent" },
      ],
      allowedDomains: ["corp.example", "corp.example.org"],
    });
  });

  it("needs the issuer, client id and secret together", () => {
    expect(() => parseEnv({ OIDC_ISSUER: CONNECTION.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: is needed with OIDC_ISSUER[\s\S]*OIDC_CLIENT_SECRET: is needed/,
    );
    expect(() => parseEnv({ OIDC_CLIENT_SECRET: "x" })).toThrow(/OIDC_ISSUER: is needed/);
  });

  it("needs https for the issuer, except on this machine", () => {
    expect(() => parseEnv({ ...CONNECTION, OIDC_ISSUER: "http://login.corp.example" })).toThrow(/OIDC_ISSUER: must be https/);
    expect(() => parseEnv({ ...CONNECTION, OIDC_ISSUER: "login.corp.example" })).toThrow(/OIDC_ISSUER/);
    expect(() => parseEnv({ ...CONNECTION, OIDC_ISSUER: "https://login.corp.example/?tenant=1" })).toThrow(
      /OIDC_ISSUER: must have no query/,
    );
    expect(oidcConfigFrom(parseEnv({ ...CONNECTION, OIDC_ISSUER: "http://127.0.0.1:9000" }))?.issuer).toBe("http://127.0.0.1:9000");
  });

  it("needs a role claim and a role map for JIT", () => {
    expect(() => parseEnv({ ...CONNECTION, OIDC_JIT: "true" })).toThrow(
      /OIDC_ROLE_CLAIM: is needed with OIDC_JIT=true[\s\S]*OIDC_ROLE_MAP: is needed/,
    );
    expect(() => parseEnv({ ...CONNECTION, OIDC_JIT: "yes" })).toThrow(/OIDC_JIT/);
  });

  it("maps claim values to staff roles only", () => {
    expect(() => parseEnv({ OIDC_ROLE_MAP: "everyone=customer" })).toThrow(
      /OIDC_ROLE_MAP: "everyone=customer": the role must be agent, lead or admin/,
    );
    expect(() => parseRoleMap("admins")).toThrow(/not claim-value=role/);
    expect(() => parseRoleMap("=admin")).toThrow(/not claim-value=role/);
    expect(() => parseRoleMap("a=admin,a=agent")).toThrow(/mapped twice/);
    expect(() => parseRoleMap("a=Admin")).toThrow(/must be agent, lead or admin/);
    // A claim value may itself contain "=": the role is after the last one.
    expect(parseRoleMap("team=ops=lead")).toEqual([{ value: "team=ops", role: "lead" }]);
  });

  it("reads the allowed domains", () => {
    expect(parseDomains(" corp.example  @eu.corp.example,")).toEqual(["corp.example", "eu.corp.example"]);
    expect(() => parseEnv({ OIDC_ALLOWED_DOMAINS: "corp.example, not a domain" })).toThrow(
      /OIDC_ALLOWED_DOMAINS: "not" is not a domain name/,
    );
    expect(() => parseDomains("*.corp.example")).toThrow(/not a domain name/);
  });

  it("needs openid among the scopes", () => {
    expect(() => parseEnv({ OIDC_SCOPES: "email profile" })).toThrow(/OIDC_SCOPES: must include "openid"/);
    expect(parseEnv({ OIDC_SCOPES: "openid email groups" }).OIDC_SCOPES).toBe("openid email groups");
  });

  it("finds the discovery document under the issuer, with or without a trailing slash", () => {
    expect(wellKnownUrl("https://corp.example/realms/staff")).toBe("https://corp.example/realms/staff/.well-known/openid-configuration");
    expect(wellKnownUrl("https://tenant.auth0.example/")).toBe("https://tenant.auth0.example/.well-known/openid-configuration");
  });
});
