import "server-only";

/** Who is being erased: what identifies them in free text and in audit payloads. */
export interface ErasedPerson {
  id: number;
  email: string;
  name: string;
}

export const REMOVED = "[removed]";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Removes a person's email address and name from free text (ticket fields, messages, feedback comments):
 * the address and the full name in any case; each part of the name (at least two letters) as a whole word
 * with the case it was written in, so "Anna" goes and "annals" or "will" (for a Will) stay. The rest of the
 * text is kept: it is the team's record of the problem.
 */
export function scrubText(text: string, person: Pick<ErasedPerson, "email" | "name">): string {
  let out = text;
  const email = person.email.trim();
  if (email) out = out.replace(new RegExp(escapeRegExp(email), "giu"), REMOVED);
  const name = person.name.trim();
  if (name.length >= 2) {
    out = out.replace(new RegExp(escapeRegExp(name), "giu"), REMOVED);
    for (const part of name.split(/[\s,.'’"-]+/u).filter((p) => [...p].length >= 2)) {
      out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(part)}(?![\\p{L}\\p{N}])`, "gu"), REMOVED);
    }
  }
  return out;
}

/** The forms in which an identifier can appear in stored JSON: as typed and JSON-escaped. */
function forms(value: string): string[] {
  const v = value.trim().toLowerCase();
  if (!v) return [];
  const escaped = JSON.stringify(v).slice(1, -1);
  return escaped === v ? [v] : [v, escaped];
}

/**
 * The identifiers to look for in audit payloads. The name counts only when it is at least two characters
 * long: a one-letter name would match nearly everything. `distinctiveName` says whether the name is specific
 * enough (two words or more, five characters or more) to be looked for in events unrelated to the person.
 */
export function auditNeedles(person: Pick<ErasedPerson, "email" | "name">): { email: string[]; name: string[]; distinctiveName: boolean } {
  const name = person.name.trim();
  return {
    email: forms(person.email),
    name: name.length >= 2 ? forms(name) : [],
    distinctiveName: /\s/.test(name) && name.length >= 5,
  };
}

export function containsAny(text: string | null, needles: readonly string[]): boolean {
  if (!text || needles.length === 0) return false;
  const t = text.toLowerCase();
  return needles.some((n) => t.includes(n));
}

/** A unique address that can never receive mail (RFC 2606 reserves .invalid), for an erased account. */
export function erasedEmail(id: number, nonce: string): string {
  return `erased-${id}-${nonce}@erased.invalid`;
}

export function erasedName(id: number): string {
  return `Deleted user #${id}`;
}
