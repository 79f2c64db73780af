/**
 * Roughly how long each spec takes in CI (seconds, measured on a clean-clone run with both halves at once on two
 * cores, first attempts only, from test-reports/e2e-*.json), for splitting the suite into two halves of about the
 * same length (playwright.config.ts). A spec missing here counts as 20 s; refresh the figures when a spec grows.
 */
export const SPEC_SECONDS: Record<string, number> = {
  "first-hour.spec.ts": 191,
  "a11y.spec.ts": 160,
  "status-a11y.spec.ts": 110,
  "help-a11y.spec.ts": 97,
  "agent-ticket-work.spec.ts": 66,
  "status-admin-edit.spec.ts": 63,
  "status-layout.spec.ts": 60,
  "oidc.spec.ts": 51,
  "status-incidents.spec.ts": 51,
  "privacy.spec.ts": 46,
  "account.spec.ts": 42,
  "agent.spec.ts": 38,
  "sla.spec.ts": 35,
  "password-reset.spec.ts": 33,
  "help-editing.spec.ts": 31,
  "help-pages.spec.ts": 31,
  "passkeys.spec.ts": 30,
  "two-factor.spec.ts": 29,
  "help-feedback.spec.ts": 26,
  "search-answers.spec.ts": 26,
  "status-monitor.spec.ts": 25,
  "security-headers.spec.ts": 23,
  "locale.spec.ts": 22,
  "outsider.spec.ts": 22,
  "customer.spec.ts": 20,
  "status-subscribe.spec.ts": 19,
  "help-search.spec.ts": 18,
  "ticket-life.spec.ts": 18,
  "signin-redirect.spec.ts": 17,
  "inbox-workspace.spec.ts": 15,
  "desk-flow.spec.ts": 14,
  "status-page.spec.ts": 14,
  "status-cache.spec.ts": 12,
  "fuzz.spec.ts": 6,
  "client-ip.spec.ts": 1,
  "route-handlers.spec.ts": 1,
  "search-api.spec.ts": 1,
};

/** The spec files of one half (1 or 2): the longest first, each to the half that is shorter so far. */
export function specsOfHalf(files: string[], half: 1 | 2): string[] {
  const weight = (f: string) => SPEC_SECONDS[f] ?? 20;
  const halves: string[][] = [[], []];
  const sums = [0, 0];
  for (const f of [...files].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const i = sums[0] <= sums[1] ? 0 : 1;
    halves[i].push(f);
    sums[i] += weight(f);
  }
  return halves[half - 1];
}
