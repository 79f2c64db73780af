import "server-only";

/** Simple bag-of-words matching in English and Russian, for suggesting tickets to link to an incident. */

const STOP = new Set(
  (
    "the and for are but not you your with this that from have has had was were will would can could our out " +
    "all any been into its it's when what which who how why there their they them then than some about after " +
    "before just also now please hello thanks thank does doesn did didn don isn aren wasn cannot still " +
    "что это как для или при его она они так уже все всё нет мне меня мой моя наш ваш вас вам был была было были " +
    "если когда где кто чем тоже только очень можно нужно есть еще ещё после перед через здравствуйте спасибо пожалуйста"
  ).split(" "),
);

/**
 * Lower-cased words of three letters or more, without common words, cut to their first five letters: a
 * crude stem that lets "payments"/"payment" and "оплата"/"оплаты" meet without a dictionary.
 */
export function tokenize(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text
    .toLowerCase()
    .replace(/ё/g, "е")
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (raw.length < 3 || STOP.has(raw)) continue;
    out.add(raw.length > 5 ? raw.slice(0, 5) : raw);
  }
  return out;
}

export interface ScoreInput {
  incidentWords: Set<string>;
  /** Each affected component's names (both languages), tokenized. */
  componentNames: Set<string>[];
}

/** One point per shared word, three per affected component the ticket names. */
export function scoreTicket(ticketText: string, input: ScoreInput): { score: number; words: string[]; components: number } {
  const words = tokenize(ticketText);
  const shared = [...words].filter((w) => input.incidentWords.has(w));
  const components = input.componentNames.filter((names) => names.size > 0 && [...names].some((n) => words.has(n))).length;
  return { score: shared.length + components * 3, words: shared, components };
}
