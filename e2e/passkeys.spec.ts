// Passkeys in Chromium, with its virtual authenticator (DevTools WebAuthn domain: an internal platform
// authenticator with resident keys and user verification). WebAuthn refuses an IP address as the relying
// party, and the app under playwright.config.ts is served as 127.0.0.1, so this spec starts its own:
// server.mjs from the same build (NEXT_DIST_DIR, else .next) on PASSKEY_E2E_PORT (3192) with its own fresh
// SQLite database and demo data, at http://localhost:<port>.
//
// Here: a lead adds a passkey on /account/two-factor, signs in with it alone, and uses it as the second factor
// after the password; axe on the page with a passkey listed. The server-side rules (challenges used once,
// origin and RP ID, counters, customers refused passwordless) are in server/two-factor/passkeys.test.ts.
import { test, expect, type Page } from "@playwright/test";
import { DEMO } from "./helpers";
import { expectAccessible } from "./accessibility";
import { startOwnServer, type OwnServer } from "./own-server";

const PORT = Number(process.env.PASSKEY_E2E_PORT ?? 3192);
const APP = `http://localhost:${PORT}`;

let server: OwnServer | undefined;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: APP });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer({
    name: "passkeys",
    port: PORT,
    env: {
      NEXTAUTH_URL: APP,
      NEXTAUTH_SECRET: "e2e-passkeys-secret-e2e-passkeys-0",
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
});

async function me(page: Page): Promise<{ email: string } | null> {
  const res = await page.request.get("/api/trpc/account.me");
  const body = (await res.json()) as { result?: { data: { email: string } | null } };
  return body.result?.data ?? null;
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  // The page signed out has loaded once the header offers to sign in again.
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await me(page)).toBeNull();
}

test("a lead adds a passkey, signs in with it alone, and uses it as the second factor after the password", async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO.lead.email);
  await page.getByLabel("Password").fill(DEMO.lead.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/signin"));

  // Add one: the password first, then the (virtual) authenticator makes it.
  await page.goto("/account/two-factor");
  const passkeys = page.getByTestId("passkeys");
  await expect(passkeys).toContainText("No passkeys yet.");
  await passkeys.getByLabel("Your password or a code").fill(DEMO.lead.password);
  await passkeys.getByLabel("Name of the new passkey").fill("Virtual key");
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByRole("listitem")).toHaveCount(1);
  await expect(passkeys.getByRole("listitem")).toContainText("Virtual key");
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials, "a discoverable credential for this site").toHaveLength(1);
  expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: "localhost" });
  await expectAccessible(page, "/account/two-factor (with a passkey)");

  // Passwordless: the passkey alone.
  await signOut(page);
  await page.goto("/signin");
  await page.getByRole("button", { name: "Use a passkey (staff, no password)" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/signin"));
  expect((await me(page))?.email).toBe(DEMO.lead.email);

  // The password alone no longer signs in: the passkey is the second factor.
  await signOut(page);
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO.lead.email);
  await page.getByLabel("Password").fill(DEMO.lead.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your password is right" })).toBeVisible();
  expect(await me(page)).toBeNull();
  await page.getByRole("button", { name: "Use a passkey instead" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/signin"));
  expect((await me(page))?.email).toBe(DEMO.lead.email);
});
