// Single sign-on in the browser, against a real OpenID Provider (oidc-provider, tests/oidc-provider.ts)
// that this spec starts in the Playwright worker. The app under playwright.config.ts has no OIDC_* settings,
// so this spec starts its own: server.mjs from the same build (NEXT_DIST_DIR, else .next) on
// OIDC_E2E_PORT (3190) with its own fresh SQLite database, pointed at the provider. Nothing else is needed:
// `npx playwright test` runs it like any other spec.
//
// Here: the button in both languages (and axe on the page), a first sign-in that creates a lead through the provider's login and
// consent pages, a refusal explained on the sign-in page, and a callback URL replayed in the browser. The
// other protocol refusals (wrong issuer, bad signature, a state from another browser) are proved against the
// same provider at the HTTP level in server/auth/oidc-flow.test.ts.
import { test, expect, type Page } from "@playwright/test";
import { startTestOidcProvider, type TestOidcProvider } from "../tests/oidc-provider";
import { expectAccessible } from "./accessibility";
import { startOwnServer, type OwnServer } from "./own-server";

const PORT = Number(process.env.OIDC_E2E_PORT ?? 3190);
const APP = `http://127.0.0.1:${PORT}`;

let op: TestOidcProvider;
let server: OwnServer | undefined;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: APP });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  op = await startTestOidcProvider({
    redirectUris: [`${APP}/api/auth/callback/oidc`],
    accounts: {
      lena: { email: "lena.lead@corp.example", email_verified: true, name: "Lena Lead", groups: ["everyone", "mayak-leads"] },
      guest: { email: "guest@corp.example", email_verified: true, name: "Guest", groups: ["everyone"] },
      arkady: { email: "arkady@corp.example", email_verified: true, name: "Аркадий", groups: ["support"], locale: "ru" },
    },
  });
  server = await startOwnServer({
    name: "oidc",
    port: PORT,
    env: {
      NEXTAUTH_URL: APP,
      NEXTAUTH_SECRET: "e2e-oidc-secret-e2e-oidc-secret-0",
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: op.clientId,
      OIDC_CLIENT_SECRET: op.clientSecret,
      OIDC_NAME: "Corp SSO",
      OIDC_JIT: "true",
      OIDC_ROLE_CLAIM: "groups",
      OIDC_ROLE_MAP: "mayak-admins=admin,mayak-leads=lead,support=agent",
      OIDC_SCOPES: "openid email profile groups",
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await op?.close();
});

/** Who the browser is signed in as, through the API the pages use. */
async function me(page: Page): Promise<{ email: string; role: string } | null> {
  const res = await page.request.get("/api/trpc/account.me");
  const body = (await res.json()) as { result?: { data: { email: string; role: string } | null } };
  return body.result?.data ?? null;
}

/** Signs in at the provider's own pages (oidc-provider's development interactions) and consents. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${op.issuer}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("whatever");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("the sign-in page offers single sign-on in English and Russian", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in with Corp SSO" })).toBeVisible();
  await expectAccessible(page, "/signin with single sign-on");
  await page.goto("/ru/signin");
  await expect(page.getByRole("button", { name: "Войти через Corp SSO" })).toBeVisible();
});

test("a first sign-in through the provider creates a lead and lands in the inbox, signed in", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2Finbox");
  await page.getByRole("button", { name: "Sign in with Corp SSO" }).click();
  await signInAtProvider(page, "lena");
  await expect(page).toHaveURL(/\/inbox/);
  expect(await me(page)).toMatchObject({ email: "lena.lead@corp.example", role: "lead" });

  // Signed out of both (same host), the next sign-in finds the account it created.
  await page.context().clearCookies({ domain: "127.0.0.1" });
  expect(await me(page)).toBeNull();
  await page.goto("/signin?callbackUrl=%2Finbox");
  await page.getByRole("button", { name: "Sign in with Corp SSO" }).click();
  await signInAtProvider(page, "lena");
  await expect(page).toHaveURL(/\/inbox/);
  expect(await me(page)).toMatchObject({ email: "lena.lead@corp.example", role: "lead" });
});

test("someone whose groups map to no role is refused, told why, and not signed in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Corp SSO" }).click();
  await signInAtProvider(page, "guest");
  await expect(page).toHaveURL(/\/signin\?error=sso_no_role/);
  await expect(page.getByRole("alert").filter({ hasText: "in no group that Mayak gives a staff role" })).toBeVisible();
  await expectAccessible(page, "/signin after a refused single sign-on");
  expect(await me(page)).toBeNull();
});

test("a callback URL used once is refused when replayed, in the same browser and in another one", async ({ page, browser }) => {
  let callbackUrl = "";
  page.on("request", (req) => {
    if (req.url().startsWith(`${APP}/api/auth/callback/oidc?`)) callbackUrl = req.url();
  });
  await page.goto("/ru/signin?callbackUrl=%2Finbox");
  await page.getByRole("button", { name: "Войти через Corp SSO" }).click();
  await signInAtProvider(page, "arkady");
  await expect(page).toHaveURL(/\/inbox/);
  expect(await me(page)).toMatchObject({ email: "arkady@corp.example", role: "agent" });
  expect(callbackUrl).toContain("code=");

  // Another browser (an attacker holding the URL): no state cookie, no session.
  const other = await browser.newContext({ baseURL: APP });
  const stranger = await other.newPage();
  await stranger.goto(callbackUrl);
  await expect(stranger).toHaveURL(/\/signin\?.*error=OAuthCallback/);
  await expect(stranger.getByRole("alert").filter({ hasText: "could not be verified" })).toBeVisible();
  expect(await me(stranger)).toBeNull();
  await other.close();

  // The same browser, signed out: its state cookie was spent on the first use.
  await page.context().clearCookies({ name: "next-auth.session-token" });
  await page.goto(callbackUrl);
  await expect(page).toHaveURL(/\/signin\?.*error=OAuthCallback/);
  expect(await me(page)).toBeNull();
});
