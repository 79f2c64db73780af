import { test, expect, ok, trpcMutation, trpcQuery, uniqueEmail } from "./helpers";

// The server under test (playwright.config.ts) is server.mjs on 127.0.0.1 with no TRUSTED_PROXIES: every
// client is its socket, whatever headers it sends.
test("a forged X-Forwarded-For or client-address header does not change the address in the audit trail", async ({
  pageAs,
  playwright,
  baseURL,
}) => {
  const forger = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7", "x-mayak-client-ip": "6.6.6.8" },
  });
  const email = uniqueEmail("forger");
  ok(await trpcMutation(forger, "account.signUp", { email, password: "forged-address-123", name: "Forger", locale: "en" }));
  await forger.dispose();

  const admin = await pageAs("admin");
  const audit = ok(
    await trpcQuery<{ items: { ip: string; after: { email?: string } }[] }>(admin.request, "admin.audit", {
      action: "user.sign_up_requested",
      limit: 20,
    }),
  );
  const event = audit.items.find((e) => e.after?.email === email);
  expect(event, "the sign-up is audited").toBeDefined();
  expect(event!.ip).toBe("127.0.0.1");
});
