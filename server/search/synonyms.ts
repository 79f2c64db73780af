import "server-only";
import type { Locale } from "../db/schema";

/** A group of words and phrases that mean the same thing to a customer, in one language. */
export interface SynonymGroup {
  locale: Locale;
  terms: string[];
}

// English keeps a hyphen or an apostrophe inside a word ("two-factor", "won't"), as its index does.
const WORD: Record<Locale, RegExp> = { en: /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu, ru: /[\p{L}\p{N}]+/gu };
export const termWords = (term: string, locale: Locale): string[] => [...term.toLowerCase().matchAll(WORD[locale])].map((m) => m[0]);

/**
 * The synonym groups of one language, looked up by the keys of words (their stems: `key` is the index's own
 * normalisation, so "взломали" finds the group of "взлом"). Phrases match consecutive words of the query.
 */
export class SynonymIndex {
  private byFirst = new Map<string, { keys: string[]; group: number }[]>();
  readonly groups: string[][];

  constructor(locale: Locale, groups: string[][], key: (word: string) => string) {
    this.groups = groups;
    groups.forEach((terms, group) => {
      for (const term of terms) {
        const keys = termWords(term, locale).map(key);
        if (keys.length === 0) continue;
        const list = this.byFirst.get(keys[0]!) ?? [];
        list.push({ keys, group });
        this.byFirst.set(keys[0]!, list);
      }
    });
  }

  has(key: string): boolean {
    return this.byFirst.has(key);
  }

  /** The longest phrase of any group that starts at `keys[i]`, and every group it belongs to. */
  matchAt(keys: string[], i: number): { length: number; groups: number[] } | null {
    let length = 0;
    let groups: number[] = [];
    for (const entry of this.byFirst.get(keys[i]!) ?? []) {
      const n = entry.keys.length;
      if (n < length || i + n > keys.length) continue;
      if (!entry.keys.every((k, j) => keys[i + j] === k)) continue;
      if (n > length) {
        length = n;
        groups = [];
      }
      if (!groups.includes(entry.group)) groups.push(entry.group);
    }
    return length ? { length, groups } : null;
  }
}
