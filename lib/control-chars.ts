/**
 * Where `text` holds a control character, or -1: C0 controls (U+0000–U+001F) and DEL (U+007F), plus C1
 * controls (U+0080–U+009F) when `c1` is set; characters in `allow` (say "\t\n\r") are let through.
 * A loop rather than a regular expression: it reads the same for every caller and needs no lint exception.
 */
export function controlCharIndex(text: string, { allow = "", c1 = false }: { allow?: string; c1?: boolean } = {}): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control = code <= 0x1f || code === 0x7f || (c1 && code >= 0x80 && code <= 0x9f);
    if (control && !allow.includes(text[i])) return i;
  }
  return -1;
}

/** True when `text` holds a control character (see controlCharIndex). */
export function hasControlChar(text: string, options?: { allow?: string; c1?: boolean }): boolean {
  return controlCharIndex(text, options) >= 0;
}
