import { prng } from "../lib/prng";

/**
 * The words of the inbox benchmark's generated tickets and messages.
 *
 * "uniform": the 70 English and 48 Russian support words drawn with equal chances, so every word is in about a
 * tenth of all messages: the worst case for a full-text index (every query word matches hundreds of thousands
 * of rows).
 *
 * "zipf": closer to real text. A ranked vocabulary (common short words first, then the support words at every
 * tenth rank from 41 on, among several thousand generated rarer words) drawn with a Zipf law (the word of rank
 * r with weight 1/r), as word frequencies in natural language fall. "invoice" has rank 41 (0.27 % of words),
 * "refund" 61, "declined" 81 (0.14 %); in the Russian list "оплата" 51 and "карта" 71.
 */
export type Vocabulary = "uniform" | "zipf";

export const EN = (
  "invoice payment refund card declined checkout export csv report dashboard slow login password reset email " +
  "notification webhook api error timeout upload image attachment account billing plan upgrade downgrade subscription " +
  "mobile app crash android iphone browser chrome safari firefox cache cookie session token integration slack calendar " +
  "sync duplicate missing delete restore backup domain ssl certificate redirect page blank button form field"
).split(" ");
export const RU = (
  "счёт оплата возврат карта отклонена оформление выгрузка отчёт панель медленно вход пароль сброс письмо " +
  "уведомление ошибка загрузка изображение вложение аккаунт тариф подписка приложение телефон браузер сессия интеграция " +
  "календарь дубликат удаление восстановление резервная копия домен сертификат страница кнопка форма поле"
).split(" ");

const EN_COMMON = (
  "the to and i it is not my we you a on for this with have can but was that please when after from our now there " +
  "all get just still any help thanks hello again work"
).split(" ");
const RU_COMMON = (
  "не и в на что я с у это по как мы но при уже всё есть нет можно пожалуйста спасибо здравствуйте снова " +
  "работает после когда если только даже ещё тоже очень"
).split(" ");

/** Made-up words from syllables, deterministic: the long tail of a real vocabulary. */
function madeUp(count: number, syllables: string[], seed: number): string[] {
  const rand = prng(seed);
  const out = new Set<string>();
  while (out.size < count) {
    const n = 2 + Math.floor(rand() * 3);
    out.add(Array.from({ length: n }, () => syllables[Math.floor(rand() * syllables.length)]).join(""));
  }
  return [...out];
}

const EN_SYLLABLES = "ba be co de fa ge hi jo ka li mo ne po qu ra se ti vo wa xe yo zu ver tan mil dor pen sun".split(" ");
const RU_SYLLABLES = "ба ве го да же зи ка ло ми но пу ра се ту фа хи ца че ша ще ю ян вор тан мил дор пен сун".split(" ");

/** Common words first, the support words from rank 40 on, one in ten ranks up to 400 and more, the rest made up. */
function ranked(common: string[], support: string[], tail: string[]): string[] {
  const out = [...common];
  const rest = [...tail];
  let s = 0;
  while (s < support.length || rest.length) {
    if (s < support.length && (out.length >= 40 + s * 10 || rest.length === 0)) out.push(support[s++]);
    else out.push(rest.shift()!);
  }
  return out;
}

/** A word picker: uniform over the support words, or Zipf over the ranked vocabulary. */
export function wordPicker(kind: Vocabulary, words: "en" | "ru"): (rand: () => number) => string {
  const support = words === "en" ? EN : RU;
  if (kind === "uniform") return (rand) => support[Math.floor(rand() * support.length)];
  const list =
    words === "en" ? ranked(EN_COMMON, EN, madeUp(5000, EN_SYLLABLES, 11)) : ranked(RU_COMMON, RU, madeUp(3000, RU_SYLLABLES, 12));
  // Cumulative weights 1/r; a draw is a binary search.
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 1; r <= list.length; r++) cumulative.push((total += 1 / r));
  return (rand) => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
}
