// Prints top-1, top-3 and MRR per locale for the relevance suite (tests/relevance/questions) over the help
// content (content/), with the embedded engine. Run: tsx --conditions=react-server scripts/relevance.mts [--misses]
// (--misses lists the questions answered below the top 3, then those answered second or third).
import path from "node:path";
import { createOramaEngine } from "../server/search/orama-engine";
import { loadContentDocs, loadSuite, scoreSuite } from "../server/search/relevance-suite";

const root = path.join(import.meta.dirname, "..");
const engine = createOramaEngine();
await engine.replaceAll(await loadContentDocs(path.join(root, "content")));
const scores = await scoreSuite(engine, loadSuite(path.join(root, "tests/relevance/questions")));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
for (const s of scores) {
  console.log(`${s.locale}: ${s.questions} questions, top-1 ${pct(s.top1)}, top-3 ${pct(s.top3)}, MRR ${s.mrr.toFixed(3)}`);
  if (process.argv.includes("--misses")) {
    for (const m of s.misses) console.log(`  miss ${m}`);
    for (const m of s.seconds) console.log(`  not first ${m}`);
  }
}
