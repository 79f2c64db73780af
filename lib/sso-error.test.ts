import { describe, expect, it } from "vitest";
import { en } from "./i18n/en";
import { ssoErrorMessage } from "./sso-error";

describe("sign-in page message after a single sign-on", () => {
  it("explains each refusal in words of its own", () => {
    for (const reason of ["email_missing", "email_unverified", "domain_not_allowed", "no_account", "no_role", "disabled", "not_staff"]) {
      const key = ssoErrorMessage(`sso_${reason}`);
      expect(key).toBe(`sso.err.${reason}`);
      expect(en[key!]).toBeTruthy();
    }
  });

  it("says that the provider's answer failed its checks, or that the provider could not be reached", () => {
    expect(ssoErrorMessage("OAuthCallback")).toBe("sso.err.failed");
    expect(ssoErrorMessage("Callback")).toBe("sso.err.failed");
    expect(ssoErrorMessage("sso_something_else")).toBe("sso.err.failed");
    expect(ssoErrorMessage("OAuthSignin")).toBe("sso.err.unreachable");
  });

  it("says nothing for other or missing codes", () => {
    expect(ssoErrorMessage(undefined)).toBeNull();
    expect(ssoErrorMessage("")).toBeNull();
    expect(ssoErrorMessage("CredentialsSignin")).toBeNull();
    expect(ssoErrorMessage("<script>")).toBeNull();
  });
});
