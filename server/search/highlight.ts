import "server-only";
import { MARK_END, MARK_START } from "./engine";
import type { QueryPlan } from "./query-plan";

const WORD = /[\p{L}\p{N}]+/gu;

function levenshteinAtMost1(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (a.length < b.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** A word test for highlighting, with the starts a matching word must begin with (see `snippet`). */
export type Matcher = ((word: string) => boolean) & { probes?: string[] };

const folded = (s: string) => s.replaceAll("ё", "е");

/** A word matches a query term when their stems agree, one is a prefix of the other, or one typo apart. */
export function makeMatcher(query: string, stem: (w: string) => string): Matcher {
  const terms = [...query.toLowerCase().matchAll(WORD)].map((m) => m[0]).filter((t) => t.length > 1);
  const stems = terms.map(stem);
  // A snippet is looked for in the whole text of each hit: the same words come back many times.
  const seen = new Map<string, boolean>();
  const match: Matcher = (word: string) => {
    let yes = seen.get(word);
    if (yes === undefined) {
      const w = word.toLowerCase();
      const s = w.length < 2 ? "" : stem(w);
      yes =
        s !== "" &&
        stems.some(
          (t, k) =>
            s === t || (t.length >= 3 && (s.startsWith(t) || w.startsWith(terms[k]!))) || (t.length >= 5 && levenshteinAtMost1(s, t)),
        );
      if (seen.size < 50_000) seen.set(word, yes);
    }
    return yes;
  };
  // A stem is the start of its word, so a matching word begins with its term's or its stem's first letters
  // (all but a typo among them: the query's own typos were corrected before it got here).
  match.probes = [...new Set([...stems, ...terms].map((t) => folded(t.slice(0, 3))))];
  return match;
}

/** The positions in `lower` where a probe starts a word. */
function probeStarts(lower: string, probes: string[]): Set<number> {
  const found = new Set<number>();
  for (const probe of probes) {
    if (!probe) continue;
    for (let at = lower.indexOf(probe); at >= 0; at = lower.indexOf(probe, at + 1)) {
      if (at === 0 || !isWordChar(lower, at - 1)) found.add(at);
    }
  }
  return found;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Whether the character at `i` is part of a word (as WORD sees it), fast for Latin and Cyrillic. */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0x400 && c <= 0x4ff) return c <= 0x481 || c >= 0x48a;
  return LETTER_OR_DIGIT.test(text[i]!);
}

/** Marks every matching word of a short text (a title). */
export function markAll(text: string, match: (w: string) => boolean): string {
  return text.replace(WORD, (w) => (match(w) ? `${MARK_START}${w}${MARK_END}` : w));
}

/** The window of about `size` words with the most matches, marked; the start of the text when none match. */
export function snippet(text: string, match: Matcher, size = 28): string {
  // Where each word starts and ends, and whether it matches. Only a word that begins where one of the matcher's
  // probes was found is tested: finding them is a native search, testing every word of every hit was not.
  const lower = match.probes ? folded(text.toLowerCase()) : "";
  const candidates = match.probes && lower.length === text.length ? probeStarts(lower, match.probes) : null;
  const starts: number[] = [];
  const ends: number[] = [];
  const hits: number[] = [];
  for (let i = 0; i < text.length;) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const from = i;
    while (i < text.length && isWordChar(text, i)) i++;
    starts.push(from);
    ends.push(i);
    hits.push((!candidates || candidates.has(from)) && match(text.slice(from, i)) ? 1 : 0);
  }
  if (starts.length === 0) return "";
  let best = 0;
  let bestScore = -1;
  let score = 0;
  for (let i = 0; i < hits.length; i++) {
    score += hits[i]!;
    if (i >= size) score -= hits[i - size]!;
    if (score > bestScore) {
      bestScore = score;
      best = Math.max(0, i - size + 1);
    }
  }
  // Start a little before the first match in the window, for context (the window ends at its last match).
  const first = hits.indexOf(1, best);
  const startWord = bestScore > 0 && first >= 0 ? Math.max(0, first - 4) : 0;
  const endWord = Math.min(hits.length - 1, startWord + size - 1);
  const from = starts[startWord]!;
  const to = ends[endWord]!;
  const piece = markAll(text.slice(from, to), match);
  return `${from > 0 ? "…" : ""}${piece}${to < text.length ? "…" : ""}`;
}

// Words that make a query a question, besides a question mark (\b knows only Latin letters, so the end is spelled out).
const QUESTION_START =
  /^(how|what|when|where|why|which|who|can|could|do|does|did|is|are|will|would|should|must|may|как|что|когда|где|почему|зачем|сколько|кто|какой|какая|какие|можно|нужно|нужен|нужна|будет|будете|есть)(?=[\s?,]|$)/u;

/** Whether a query reads as a question ("how long do you keep backups", "сколько хранятся копии?"). */
export function isQuestion(q: string): boolean {
  const s = q.trim().toLowerCase();
  return s.endsWith("?") || QUESTION_START.test(s) || /\sли(\s|$)/u.test(s);
}

/**
 * The passage of a text that answers a question: the one or two sentences that answer the most of what was
 * asked (`slots`: a matcher per thing asked about, its synonyms included; a second sentence only when it adds
 * one), the earlier on a tie; null unless it answers `needed` of them. Marked with `mark`, cut at `maxWords`.
 */
export function answerPassage(
  text: string,
  slots: ((w: string) => boolean)[],
  mark: (w: string) => boolean,
  needed: number,
  maxWords = 60,
): string | null {
  const sentences =
    text
      .match(/[^.!?…]+(?:[.!?…]+|$)/gu)
      ?.map((s) => s.trim())
      .filter(Boolean) ?? [];
  const answered = sentences.map((s) => {
    const words = [...s.matchAll(WORD)].map((m) => m[0]);
    return new Set(slots.flatMap((m, k) => (words.some(m) ? [k] : [])));
  });
  let best: { from: number; to: number; score: number } | null = null;
  for (let i = 0; i < sentences.length; i++) {
    const one = answered[i]!.size;
    if (one >= needed && (!best || one > best.score)) best = { from: i, to: i, score: one };
    if (i + 1 < sentences.length) {
      const two = new Set([...answered[i]!, ...answered[i + 1]!]).size;
      if (two > one && two >= needed && (!best || two - 0.5 > best.score)) best = { from: i, to: i + 1, score: two - 0.5 };
    }
  }
  if (!best) return null;
  const passage = sentences.slice(best.from, best.to + 1).join(" ");
  const words = [...passage.matchAll(WORD)];
  const last = words[maxWords - 1];
  const cut = words.length > maxWords && last ? `${passage.slice(0, last.index! + last[0].length)}…` : passage;
  return markAll(cut, mark);
}

/**
 * The answer to a question in one entry's text, by what the query plan asked: a matcher per slot (the typed
 * word and its synonyms), every searched word marked; at least two slots answered when two were asked.
 */
export function planAnswer(text: string, plan: Pick<QueryPlan, "words" | "slotWords">, stem: (w: string) => string): string | null {
  return answerPassage(
    text,
    plan.slotWords.map((words) => makeMatcher(words.join(" "), stem)),
    makeMatcher(plan.words.join(" "), stem),
    Math.min(2, plan.slotWords.length),
  );
}
