import "server-only";
import type { Locale } from "../db/schema";
import { STOP, type Vocabulary } from "./query-terms";
import type { PlanSlot } from "./plan-scorer";
import { termWords, type SynonymIndex } from "./synonyms";
import { collapseRepeats, latinToCyrillic } from "./word-forms";

/** A synonym counts for a little less than the word the customer typed. */
export const SYNONYM_WEIGHT = 0.65;

export interface PlanContext {
  locale: Locale;
  vocab?: Vocabulary;
  /** Whether the index knows the word (by its stem, or as the start of an indexed word). */
  known: (word: string) => boolean;
  /** Whether the index has this word's token itself, not only longer words that begin with it. */
  knownExactly: (word: string) => boolean;
  /** The word as the index stores it ("" for a word the index drops). */
  tokenOf: (word: string) => string;
  synonyms?: SynonymIndex;
}

export interface QueryPlan {
  slots: PlanSlot[];
  /** Every word searched for, synonyms included: what the highlighting marks. */
  words: string[];
  /** Per slot, its words (typed first, then synonyms): what an answer passage is scored by. */
  slotWords: string[][];
}

/**
 * What the customer asked about, one slot per thing: a phrase of a synonym group ("не работает", "two factor")
 * becomes one slot whose alternatives are the group's terms; another word becomes a slot of its own, after a
 * Latin spelling of a Russian word is read in Cyrillic ("vzlom", "sajt") and a typo is corrected against the
 * indexed vocabulary. Stop words are dropped unless they are part of a phrase, or all there is.
 */
export function planQuery(q: string, ctx: PlanContext): QueryPlan {
  const { locale, synonyms } = ctx;
  const key = (w: string) => ctx.tokenOf(w) || w;
  const isSynonym = (w: string) => synonyms?.has(key(w)) ?? false;
  const words = termWords(q, locale).map((raw) => {
    const w = collapseRepeats(raw);
    if (STOP[locale].has(w) || isSynonym(w)) return w;
    // A Latin spelling of a Russian word reads as Cyrillic when the index has that word exactly ("sajt", "vzlom").
    const cyr = locale === "ru" ? latinToCyrillic(w) : null;
    if (cyr && (ctx.knownExactly(cyr) || isSynonym(cyr))) return cyr;
    if (ctx.known(w)) return w;
    return ctx.vocab?.correct(w) ?? w;
  });
  const keys = words.map(key);
  const slots: PlanSlot[] = [];
  const searched = new Set<string>();
  const seen = new Set<string>();
  const slotWords: string[][] = [];
  let current: string[] = [];
  const push = (slot: PlanSlot) => {
    const id = JSON.stringify(slot);
    if (!seen.has(id) && slot.alts.some((a) => a.tokens.length)) {
      seen.add(id);
      slots.push(slot);
      slotWords.push(current);
    }
    current = [];
  };
  const note = (w: string) => {
    searched.add(w);
    if (!current.includes(w)) current.push(w);
  };
  for (let i = 0; i < words.length;) {
    const m = synonyms?.matchAt(keys, i);
    if (m && synonyms) {
      const typed = keys.slice(i, i + m.length);
      const alts = [{ tokens: tokens(words.slice(i, i + m.length).map(ctx.tokenOf)), weight: 1 }];
      for (const w of words.slice(i, i + m.length)) if (!STOP[locale].has(w)) note(w);
      for (const g of m.groups) {
        for (const term of synonyms.groups[g]!) {
          const tw = termWords(term, locale);
          // English words only in the English index (its tokenizer would keep the digits of "2фа").
          if (locale === "en" && tw.some((w) => /[а-яё]/.test(w))) continue;
          const tk = tw.map(key);
          if (tk.join(" ") === typed.join(" ")) continue;
          alts.push({ tokens: tokens(tk.map((k, j) => (ctx.tokenOf(tw[j]!) ? k : ""))), weight: SYNONYM_WEIGHT });
          for (const w of tw) if (!STOP[locale].has(w)) note(w);
        }
      }
      push({ alts: alts.filter((a) => a.tokens.length) });
      i += m.length;
      continue;
    }
    if (!STOP[locale].has(words[i]!)) {
      note(words[i]!);
      push({ alts: [{ tokens: tokens([ctx.tokenOf(words[i]!)]), weight: 1 }] });
    }
    i++;
  }
  if (slots.length === 0) {
    for (const w of words) {
      note(w);
      push({ alts: [{ tokens: tokens([ctx.tokenOf(w)]), weight: 1 }] });
    }
  }
  return { slots, words: [...searched], slotWords };
}

const tokens = (list: string[]) => [...new Set(list.filter(Boolean))];
