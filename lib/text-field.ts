import { z } from "zod";
import { msg } from "@/lib/i18n";
import { hasControlChar } from "./control-chars";

/**
 * The one schema every free-text field starts from: a string without control characters (C0 and DEL),
 * except tab, newline and carriage return. A NUL byte or an escape sequence has no business in a ticket,
 * an article or a name: it breaks search, email headers, feeds and terminals that print the audit trail.
 * Chain the field's own rules after it: `zText().trim().min(3).max(200)`.
 */
export function zText() {
  return z.string().refine((v) => !hasControlChar(v, { allow: "\t\n\r" }), { message: msg("security.err.controlChars"), abort: true });
}
