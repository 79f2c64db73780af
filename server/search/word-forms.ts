import "server-only";
import type { Locale } from "../db/schema";

/**
 * What the Snowball stemmers leave apart that customers treat as one word, found by the relevance suite
 * (tests/relevance/questions): applied after the stemmer, to the index and the query alike.
 *
 * - English adverbs: "slowly" stems to "slowli", "weekly" to "weekli"; the adjective or noun is "slow", "week".
 *   Words in -ply and -ily keep theirs ("apply", "daily", "family" would lose a real letter).
 * - Russian verbs: past tense, infinitive and participle keep the stem's vowel ("взломали", "взломать",
 *   "взломанный" all stem to "взлома"), the noun does not ("взлом"). A verb form whose stem ends in -а/-я
 *   loses that vowel, so "взломали" meets "взлом" and "работает" meets "работа".
 */
export function joinWordForms(locale: Locale, word: string, stem: string): string {
  if (locale === "en") {
    if (word.length >= 6 && word.endsWith("ly") && !/(ply|ily)$/.test(word) && stem.endsWith("li")) return stem.slice(0, -2);
    return stem;
  }
  if (stem.length >= 5 && /[ая]$/.test(stem) && /(ал|ала|ало|али|ать|ять|ает|ают|яет|ан|ана|ано|аны|анн\p{L}*|ающ\p{L}*|ав)$/u.test(word))
    return stem.slice(0, -1);
  return stem;
}

/** "sloooow" -> "slow": a letter held down three times or more is one letter. */
export function collapseRepeats(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, "$1");
}

// Latin transliteration of Russian as customers type it on a Latin keyboard: longest sequences first.
const TRANSLIT: [string, string][] = [
  ["shch", "щ"],
  ["sch", "щ"],
  ["zh", "ж"],
  ["kh", "х"],
  ["ch", "ч"],
  ["sh", "ш"],
  ["ts", "ц"],
  ["yu", "ю"],
  ["ya", "я"],
  ["yo", "ё"],
  ["ju", "ю"],
  ["ja", "я"],
  ["a", "а"],
  ["b", "б"],
  ["v", "в"],
  ["w", "в"],
  ["g", "г"],
  ["d", "д"],
  ["e", "е"],
  ["z", "з"],
  ["i", "и"],
  ["j", "й"],
  ["k", "к"],
  ["q", "к"],
  ["l", "л"],
  ["m", "м"],
  ["n", "н"],
  ["o", "о"],
  ["p", "п"],
  ["r", "р"],
  ["s", "с"],
  ["t", "т"],
  ["u", "у"],
  ["f", "ф"],
  ["h", "х"],
  ["c", "ц"],
  ["x", "кс"],
];

/** "vzlom" -> "взлом", "sajt" / "sayt" -> "сайт"; null for a word that is not all Latin letters. */
export function latinToCyrillic(word: string): string | null {
  if (!/^[a-z]+$/.test(word)) return null;
  let out = "";
  let i = 0;
  while (i < word.length) {
    // "y" after a vowel is "й" (sayt), otherwise "ы" (vy), unless it starts one of the pairs above.
    if (word[i] === "y" && !/^y[uao]/.test(word.slice(i))) {
      out += i > 0 && /[aeiou]/.test(word[i - 1]!) ? "й" : "ы";
      i++;
      continue;
    }
    const pair = TRANSLIT.find(([lat]) => word.startsWith(lat, i))!;
    out += pair[1];
    i += pair[0].length;
  }
  return out;
}
