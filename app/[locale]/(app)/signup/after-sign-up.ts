/**
 * Where the sign-up confirmation page sends a new account's owner to sign in: the form they started from
 * (the confirmation link comes by email and may open in another tab, so it is kept in this browser for a day).
 */
const AFTER_SIGN_UP = "mayak.after-sign-up";
const TTL_MS = 24 * 60 * 60 * 1000;

export function rememberAfterSignUp(path: string): void {
  try {
    localStorage.setItem(AFTER_SIGN_UP, JSON.stringify({ savedAt: Date.now(), path }));
  } catch {
    // The confirmation page then offers the plain sign-in.
  }
}

export function takeAfterSignUp(): string | null {
  try {
    const raw = localStorage.getItem(AFTER_SIGN_UP);
    if (!raw) return null;
    const { savedAt, path } = JSON.parse(raw) as { savedAt: number; path: string };
    return typeof path === "string" && path.startsWith("/") && !path.startsWith("//") && Date.now() - savedAt < TTL_MS ? path : null;
  } catch {
    return null;
  }
}

export function forgetAfterSignUp(): void {
  try {
    localStorage.removeItem(AFTER_SIGN_UP);
  } catch {
    // Nothing to forget.
  }
}
