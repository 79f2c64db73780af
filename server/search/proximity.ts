import "server-only";

/**
 * Where the words are, for the query-plan scorer (orama-scorer.ts): Orama's index knows which documents have a
 * word, not where in them. The embedded engine's tokenizer hands each field's tokens over in text order while a
 * document is inserted (`pending`), and the index component keeps them here as small integers, per field and
 * internal document id. Two things read them:
 * - a phrase ("не работает", "two factor") is a phrase only where its words stand together: "не" and "работ"
 *   scattered over an article about maintenance work ("из-за работ … не учитываются") are not "не работает";
 * - proximity: a document whose words for what was asked stand within a few words of each other (in one field)
 *   answers that question more surely than one where they are paragraphs apart.
 * A removed document's tokens stay until the index is rebuilt; nothing finds them, as no word leads to it.
 */
export class TokenSequences {
  private ids = new Map<string, number>();
  private fields = new Map<string, (Int32Array | undefined)[]>();
  /** The tokens of the last text split while inserting, in order, repeats kept. */
  pending: string[] = [];

  /** How many different tokens are kept (token numbers are below it). */
  get size(): number {
    return this.ids.size;
  }

  /** The number a token is kept as; undefined for a token no document has. */
  idOf(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** Keeps the pending tokens as the tokens of `prop` in document `id`. */
  record(prop: string, id: number): void {
    let list = this.fields.get(prop);
    if (!list) this.fields.set(prop, (list = []));
    const out = new Int32Array(this.pending.length);
    this.pending.forEach((t, i) => {
      let n = this.ids.get(t);
      if (n === undefined) this.ids.set(t, (n = this.ids.size));
      out[i] = n;
    });
    list[id] = out;
    this.pending = [];
  }

  get(prop: string, id: number): Int32Array | undefined {
    return this.fields.get(prop)?.[id];
  }
}

const byIndex = new WeakMap<object, TokenSequences>();
export const attachSequences = (index: object, sequences: TokenSequences): void => void byIndex.set(index, sequences);
export const sequencesOf = (index: object): TokenSequences | undefined => byIndex.get(index);

/**
 * Whether every word of a phrase occurs within a window of `span` consecutive tokens of `seq`, in any order.
 * `wordOf[token number]` is the phrase word it stands for, -1 for none (a word typed in part matches several).
 */
export function together(seq: Int32Array, wordOf: Int32Array, words: number, span: number): boolean {
  const last = new Array<number>(words).fill(-Infinity);
  for (let i = 0; i < seq.length; i++) {
    const k = wordOf[seq[i]!]!;
    if (k < 0) continue;
    last[k] = i;
    let first = i;
    for (const at of last) if (at < first) first = at;
    if (i - first < span) return true;
  }
  return false;
}

/**
 * The importance of the slots that stand together: the most, over windows of `span` tokens of `seq`, of the
 * summed importance (`says`) of the distinct slots in the window; 0 unless at least two are. `slotOf` maps a
 * token number to its slot (-1: none).
 */
export function closestSlots(seq: Int32Array, slotOf: (token: number) => number, says: number[], span: number): number {
  const count = new Int32Array(says.length);
  let distinct = 0;
  let sum = 0;
  let best = 0;
  for (let i = 0; i < seq.length; i++) {
    const s = slotOf(seq[i]!);
    if (s >= 0 && count[s]++ === 0) {
      distinct++;
      sum += says[s]!;
    }
    const out = i - span;
    if (out >= 0) {
      const o = slotOf(seq[out]!);
      if (o >= 0 && --count[o] === 0) {
        distinct--;
        sum -= says[o]!;
      }
    }
    if (distinct >= 2 && sum > best) best = sum;
  }
  return best;
}
