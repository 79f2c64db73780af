import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";
import { AppError } from "../errors";
import { msg, type MessageKey } from "@/lib/i18n";

/**
 * The one password policy: sign-up, accepting an invitation, reset, change and `npm run user:create` all
 * call it. A password passes when it has 10 to 200 characters, zxcvbn-ts rates it at least 3 of 4 (about
 * 10^8 guesses or more) with the person's name, email and the site's name as penalised words, and it is not
 * just those words plus digits and punctuation (zxcvbn alone misses "Dana Whitfield 1990").
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
export const MIN_SCORE = 3;

export interface PasswordContext {
  name?: string | null;
  email?: string | null;
}

export interface PasswordVerdict {
  ok: boolean;
  /** zxcvbn's 0–4; 0 when the length alone refuses it. */
  score: number;
  /** What to tell the person, most important first; empty when ok. */
  problems: MessageKey[];
}

/** Words of the site itself: a password made from them is the first thing anyone tries here. */
const SITE_WORDS = ["mayak", "маяк", "mayak support"];

/**
 * A few of the most common Russian passwords and keyboard rows typed in the Russian layout, which the
 * English and common dictionaries do not have (there is no Russian zxcvbn-ts dictionary installed). Ranked
 * roughly by frequency; a short list on purpose.
 */
const RUSSIAN_COMMON = [
  "йцукен",
  "пароль",
  "йцукенгшщз",
  "qwertyйцукен",
  "фывапролдж",
  "ячсмить",
  "привет",
  "любовь",
  "солнышко",
  "наташа",
  "максим",
  "россия",
  "москва",
  "кристина",
  "настя",
  "анастасия",
  "катя",
  "екатерина",
  "андрей",
  "александр",
  "дмитрий",
  "сергей",
  "владимир",
  "парольпароль",
  "котик",
  "зайка",
  "малыш",
  "ангел",
  "спартак",
  "зенит",
  "parol",
  "privet",
  "lyubov",
  "solnyshko",
  "natasha",
  "maksim",
  "rossiya",
  "moskva",
  "zenit",
  "spartak",
  "parol123",
  "gfhjkm",
  "ktyjxrf",
  "cjkysirj",
  "vfrcbv",
  "yfnfif",
];

// zxcvbn's matching is synchronous. Levenshtein matching is off (it costs 150–800 ms a password here), the
// analysed length is capped and so are l33t substitutions: the worst case stays around 50 ms on a busy
// core, never seconds. A password longer than 64 characters is judged by its first 64.
const ANALYSED_LENGTH = 64;

let factory: ZxcvbnFactory | undefined;

/** Built on first use (about 200 ms and 60 MB for the dictionaries), never at import: `next build` imports this. */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary, "ru-common": RUSSIAN_COMMON },
    graphs: zxcvbnCommon.adjacencyGraphs,
    useLevenshteinDistance: false,
    maxLength: ANALYSED_LENGTH,
    l33tMaxSubstitutions: 10,
    // No translations: feedback comes back as zxcvbn's keys, which map to our own en/ru sentences.
  });
  return factory;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);

/** The penalised words for this person: name, its parts, the email's local part and its parts, the email's domain, the site. */
export function personalWords(ctx: PasswordContext): string[] {
  const out = new Set<string>(SITE_WORDS);
  const name = ctx.name?.trim().toLowerCase() ?? "";
  if (name) {
    out.add(name);
    out.add(name.replace(/[^\p{L}\p{N}]+/gu, ""));
    for (const w of words(name)) out.add(w);
  }
  const email = ctx.email?.trim().toLowerCase() ?? "";
  const at = email.lastIndexOf("@");
  if (at > 0) {
    const local = email.slice(0, at);
    out.add(email);
    out.add(local);
    out.add(local.replace(/[^\p{L}\p{N}]+/gu, ""));
    for (const w of words(local)) out.add(w);
    // The domain's name without its top level (example in mail.example.com), when it says something.
    const labels = email.slice(at + 1).split(".");
    if (labels.length >= 2 && labels[labels.length - 2].length >= 3) out.add(labels[labels.length - 2]);
  }
  return [...out].filter((w) => w.length >= 3);
}

/**
 * True when the password is the person's own words with only digits, punctuation or very little else
 * around them: what remains after taking those words out (letters and digits only) is under 5 characters
 * and the words made up most of it.
 */
function derivedFromPersonalWords(password: string, personal: string[]): boolean {
  let rest = password.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const total = rest.length;
  const byLength = [...personal]
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ""))
    .filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const w of byLength) rest = rest.split(w).join("");
  return total - rest.length >= 3 && rest.length < 5;
}

const WARNING_KEYS = new Set([
  "straightRow",
  "keyPattern",
  "simpleRepeat",
  "extendedRepeat",
  "sequences",
  "recentYears",
  "dates",
  "topTen",
  "topHundred",
  "common",
  "similarToCommon",
  "wordByItself",
  "namesByThemselves",
  "commonNames",
  "userInputs",
  "pwned",
]);
const SUGGESTION_KEYS = new Set([
  "l33t",
  "reverseWords",
  "allUppercase",
  "capitalization",
  "dates",
  "recentYears",
  "associatedYears",
  "sequences",
  "repeated",
  "longerKeyboardPattern",
  "anotherWord",
  "useWords",
  "noNeed",
  "pwned",
]);

/** Judges a password; pure apart from the dictionaries loaded on first use. */
export function checkPassword(password: string, ctx: PasswordContext = {}): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, score: 0, problems: ["err.password.short"] };
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, score: 0, problems: ["err.password.long"] };
  const personal = personalWords(ctx);
  const result = zxcvbn().check(password, personal);
  const problems: MessageKey[] = [];
  if (derivedFromPersonalWords(password, personal)) problems.push("password.err.derived");
  if (result.score < MIN_SCORE) {
    const warning = result.feedback.warning;
    if (warning === "userInputs") {
      if (!problems.includes("password.err.derived")) problems.push("password.err.derived");
    } else {
      problems.push("password.err.weak");
      if (warning && WARNING_KEYS.has(warning)) problems.push(`password.warning.${warning}` as MessageKey);
    }
    for (const s of result.feedback.suggestions) if (SUGGESTION_KEYS.has(s)) problems.push(`password.suggestion.${s}` as MessageKey);
  }
  return { ok: problems.length === 0, score: problems.length ? Math.min(result.score, MIN_SCORE - 1) : result.score, problems };
}

/** Throws WEAK_PASSWORD, a field error on `field` listing every problem, unless the password passes. */
export function assertPasswordPolicy(password: string, ctx: PasswordContext, field = "password"): void {
  const verdict = checkPassword(password, ctx);
  if (verdict.ok) return;
  const messages = verdict.problems.map((k) => msg(k));
  throw new AppError("WEAK_PASSWORD", messages[0], field, messages);
}
