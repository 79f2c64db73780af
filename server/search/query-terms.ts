import "server-only";
import type { Locale } from "../db/schema";

const WORD = /[\p{L}\p{N}]+/gu;

// Words that say nothing about what is searched for: dropped from queries (not from the index).
export const STOP: Record<Locale, ReadonlySet<string>> = {
  en: new Set(
    "a an the to of in on at for from by is are was be been am i me my we our you your it its this that these those and or but if do does did can could should would will how what when where why which who with without about into as not no so have has had there any some very really please much also just support".split(
      " ",
    ),
  ),
  ru: new Set(
    "а и в во на не ни с со по к ко о об от до из за для у же ли бы то это как что чтобы где когда почему зачем сколько какой какая какие кто я мы вы ты он она они мой моя мои наш ваш его её их или но да нет есть был была было при про над под если могу можно нужно надо хочу мне меня нас вас нам вам уже ещё очень всё все там тут поддержка поддержки поддержке поддержку поддержкой".split(
      " ",
    ),
  ),
};

// Three rows of the distance table, reused: correcting a word compares it with thousands of candidates.
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Damerau–Levenshtein distance (optimal string alignment), stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0].length <= b.length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let [before, prev, cur] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length]!;
}

/**
 * The words of the indexed text, with their counts. Typos are corrected against it before the engine
 * stems anything: a stem ("incid") is too far from a typo ("incdent") for the engine's own tolerance.
 */
export class Vocabulary {
  private counts = new Map<string, number>();
  private byLength = new Map<number, string[]>();

  add(text: string): void {
    for (const m of text.toLowerCase().matchAll(WORD)) if (m[0].length >= 3) this.addWord(m[0]);
  }

  /** One occurrence of a word, already in lower case. */
  addWord(w: string): void {
    const n = this.counts.get(w) ?? 0;
    this.counts.set(w, n + 1);
    if (n === 0) {
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
  }

  /** The known word closest to `word` (one edit for short words, two for long ones), or null. */
  correct(word: string): string | null {
    if (this.counts.has(word) || word.length < 4 || /^\d+$/.test(word)) return null;
    const max = word.length >= 7 ? 2 : 1;
    let best: string | null = null;
    let bestDist = max + 1;
    let bestCount = 0;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const cand of this.byLength.get(len) ?? []) {
        const dist = editDistance(word, cand, max);
        const count = this.counts.get(cand)!;
        if (dist < bestDist || (dist === bestDist && count > bestCount)) {
          best = cand;
          bestDist = dist;
          bestCount = count;
        }
      }
    }
    return bestDist <= max ? best : null;
  }
}

/**
 * The query as the engine should see it: stop words dropped (unless that leaves nothing), each typo replaced
 * by its correction. A word the index knows (`known`: by its stem, or as the start of an indexed word) is kept
 * as typed; without `known`, only words of the vocabulary are.
 */
export function prepareQuery(q: string, locale: Locale, vocab?: Vocabulary, known?: (word: string) => boolean): string {
  const words = [...q.toLowerCase().matchAll(WORD)].map((m) => m[0]);
  const meaningful = words.filter((w) => !STOP[locale].has(w));
  const kept = meaningful.length ? meaningful : words;
  const out: string[] = [];
  for (const w of kept) {
    const fixed = known?.(w) ? null : vocab?.correct(w);
    const word = fixed ?? w;
    if (!out.includes(word)) out.push(word);
  }
  return out.join(" ");
}
