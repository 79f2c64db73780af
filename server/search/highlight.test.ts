import { describe, expect, it } from "vitest";
import { stemmer as enStemmer } from "@orama/stemmers/english";
import { stemmer as ruStemmer } from "@orama/stemmers/russian";
import { makeMatcher, snippet } from "./highlight";
import { MARK_END, MARK_START } from "./engine";

const marked = (s: string) => s.replaceAll(MARK_START, "<").replaceAll(MARK_END, ">");
const filler = (n: number, word = "lorem") => Array.from({ length: n }, (_, i) => `${word}${i % 7}`).join(" ");

describe("snippet", () => {
  it("shows the window with the most matches, deep in a long text, a few words of context before it", () => {
    const text = `${filler(200)} the nightly backups are kept for thirty days, backups of databases too. ${filler(200)}`;
    const s = marked(snippet(text, makeMatcher("backup", enStemmer)));
    expect(s).toMatch(/^…lorem\d lorem\d the nightly <backups> are kept/);
    expect(s).toContain("<backups> of databases");
    expect(s.endsWith("…")).toBe(true);
  });

  it("starts at the beginning when nothing matches", () => {
    expect(marked(snippet(`First words here. ${filler(100)}`, makeMatcher("quokka", enStemmer)))).toMatch(/^First words here\. lorem0/);
  });

  it("finds Russian word forms and ё written as е", () => {
    const text = `${filler(60)} Ещё раз: сайт взломали вчера, взлом заметили утром. ${filler(60)}`;
    const s = marked(snippet(text, makeMatcher("взлом еще", ruStemmer)));
    expect(s).toContain("<Ещё> раз: сайт <взломали> вчера, <взлом> заметили");
  });

  it("gives what testing every word gives (the probes only skip words that cannot match)", () => {
    const text = `${filler(40)} Connection refused: the connector reconnects, then connects again. ${filler(40, "ipsum")} Connecting…`;
    const probed = makeMatcher("connection", enStemmer);
    const everyWord = makeMatcher("connection", enStemmer);
    delete everyWord.probes;
    expect(snippet(text, probed)).toBe(snippet(text, everyWord));
    expect(marked(snippet(text, probed))).toContain("<Connection> refused: the <connector> reconnects, then <connects> again");
  });
});
