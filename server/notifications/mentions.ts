import "server-only";
import type { Tx } from "../db/dialect";
import { ASSIGNEE_ROLES } from "../tickets/access";

const MENTION = /(?:^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}_.-]*)/gu;
const squash = (s: string) => s.toLowerCase().replace(/[\s._-]+/g, "");

/** The handles written as `@name` in a text, squashed (lower case, no spaces, dots, dashes or underscores). */
export function mentionHandles(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(MENTION)) out.add(squash(m[1].replace(/[.-]+$/, "")));
  out.delete("");
  return [...out];
}

/**
 * Who `handles` name among `staff`: a handle matches a full name without spaces (@AnnaPetrova, @anna.petrova), the
 * address before its @ (@anna.p), or a first name that only one staff member has (@anna).
 */
export function matchMentions(handles: readonly string[], staff: readonly { id: number; name: string; email: string }[]): number[] {
  const firstNames = new Map<string, number[]>();
  for (const s of staff) {
    const first = squash(s.name.trim().split(/\s+/)[0] ?? "");
    if (first) firstNames.set(first, [...(firstNames.get(first) ?? []), s.id]);
  }
  const found = new Set<number>();
  for (const h of handles) {
    const exact = staff.filter((s) => squash(s.name) === h || squash(s.email.split("@")[0]) === h);
    if (exact.length) exact.forEach((s) => found.add(s.id));
    else if (firstNames.get(h)?.length === 1) found.add(firstNames.get(h)![0]);
  }
  return [...found];
}

/** Active staff mentioned in a note (no query when the note has no @handle). */
export async function mentionedStaff(trx: Tx, text: string): Promise<number[]> {
  const handles = mentionHandles(text);
  if (handles.length === 0) return [];
  const staff = await trx
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("role", "in", ASSIGNEE_ROLES)
    .where("disabled", "=", 0)
    .execute();
  return matchMentions(handles, staff);
}
