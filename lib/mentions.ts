/**
 * `@name` mentions as the note box offers them (the server reads them in server/notifications/mentions.ts): the
 * handle of a person is their name without spaces ("@AnnaPetrova"), which the server matches back to them.
 */
export const squashName = (s: string): string => s.toLowerCase().replace(/[\s._-]+/g, "");
export const handleOf = (name: string): string => name.trim().replace(/[\s]+/g, "");

/** The `@prefix` being typed just before the caret, if any: where its "@" is and what follows it. */
export function mentionAt(text: string, caret: number): { start: number; prefix: string } | null {
  const before = text.slice(0, caret);
  const m = /(?:^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}_.-]{0,40})$/u.exec(before);
  if (!m) return null;
  return { start: caret - m[1]!.length - 1, prefix: m[1]! };
}

/** The people whose name (any of its words) or whole squashed name starts like `prefix`, at most `limit`. */
export function mentionMatches<P extends { name: string }>(people: readonly P[], prefix: string, limit = 6): P[] {
  const p = squashName(prefix);
  return people
    .filter((x) => squashName(x.name).startsWith(p) || x.name.split(/\s+/).some((w) => squashName(w).startsWith(p)))
    .slice(0, limit);
}

/** `text` with the mention at `start` (typed up to `caret`) replaced by the person's handle and a space; the new caret. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const rest = text.slice(caret);
  // A space after it, unless what follows already parts it from the next word.
  const inserted = `@${handleOf(name)}${/^[\s.,;:!?)]/u.test(rest) ? "" : " "}`;
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length };
}
