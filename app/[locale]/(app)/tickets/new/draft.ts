/**
 * The ticket being written, kept in this browser until it is sent: a visitor who is asked to sign in (or
 * to create an account, which goes through an emailed link that may open in another tab) comes back to
 * the form with what they typed. Kept for a day; sending the ticket removes it.
 */
const KEY = "mayak.ticket-draft";
const TTL_MS = 24 * 60 * 60 * 1000;

export const DRAFT_FIELDS = ["subject", "description", "steps", "expected", "actual", "pageUrl", "priority", "categoryId"] as const;
export type Draft = Partial<Record<(typeof DRAFT_FIELDS)[number], string>>;

export function saveDraft(form: HTMLFormElement): void {
  const f = new FormData(form);
  const draft: Draft = {};
  for (const k of DRAFT_FIELDS) draft[k] = String(f.get(k) ?? "");
  try {
    if (DRAFT_FIELDS.every((k) => !draft[k] || (k === "priority" && draft[k] === "normal"))) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify({ savedAt: Date.now(), draft }));
  } catch {
    // Storage may be off or full: the form works without it.
  }
}

export function loadDraft(): Draft | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const { savedAt, draft } = JSON.parse(raw) as { savedAt: number; draft: Draft };
    if (typeof savedAt !== "number" || Date.now() - savedAt > TTL_MS) {
      localStorage.removeItem(KEY);
      return null;
    }
    return draft;
  } catch {
    return null;
  }
}

export function clearDraft(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}
