import "server-only";

/** Macro placeholders: `{{requester.firstName}}` and the like. Pure: no database. */

export const PLACEHOLDERS = [
  "requester.firstName",
  "requester.name",
  "requester.email",
  "ticket.id",
  "ticket.subject",
  "agent.firstName",
  "agent.name",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every `{{…}}` in the text that is not a known placeholder, in order of appearance, once each. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) if (!known.has(m[1]) && !out.includes(m[1])) out.push(m[1]);
  // A lone "{{" that never closes is a typo of a placeholder too.
  const stripped = text.replace(TOKEN, "");
  if (stripped.includes("{{") && !out.includes("{{")) out.push("{{");
  return out;
}

/** The first word of a name ("Anna Petrova" → "Anna"); the whole name when it has no spaces. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

export interface MacroContext {
  requester: { name: string; email: string };
  ticket: { id: number; subject: string };
  agent: { name: string };
}

export function placeholderValues(c: MacroContext): Record<Placeholder, string> {
  return {
    "requester.firstName": firstName(c.requester.name),
    "requester.name": c.requester.name,
    "requester.email": c.requester.email,
    "ticket.id": String(c.ticket.id),
    "ticket.subject": c.ticket.subject,
    "agent.firstName": firstName(c.agent.name),
    "agent.name": c.agent.name,
  };
}

/** Fills the placeholders. Unknown ones cannot be saved, but an old macro's would be left as written. */
export function renderMacro(text: string, c: MacroContext): string {
  const values = placeholderValues(c) as Record<string, string>;
  return text.replace(TOKEN, (whole, name: string) => values[name] ?? whole);
}
