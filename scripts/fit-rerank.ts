// Fits the re-ranker's weights (src/core/knowledge/rerank.ts) on out-of-fold candidates: for
// each of K folds every entry's paraphrases at index ≡ fold (mod K) are held out, retrieval and
// the classifier are built from the rest, and each held-out paraphrase's candidates (with
// their features) are recorded. A softmax over each question's candidates is then fitted on
// half the folds and checked on the other half, then fitted on all. Never reads the blind sets.
//   npx tsx scripts/fit-rerank.ts [K=5]
import { ENTRIES } from '../src/core/knowledge';
import { createLogistic } from '../src/core/knowledge/logistic';
import { candidates, FEATURES, RERANK } from '../src/core/knowledge/rerank';
import { createRetriever, entryDocument, tokenizeEntries } from '../src/core/knowledge/retrieve';
import { normalizeQuestion, questionIds } from '../src/core/knowledge/tokenize';
import { foldSplit } from './folds';

const K = Number(process.argv[2] ?? 5);
interface Example {
  fold: number;
  xs: Float64Array[];
  label: number; // index of the right entry among xs, −1 when it is not a candidate
  first: number; // index of the classifier's top entry
}
const data: Example[] = [];
for (let f = 0; f < K; f++) {
  const _keep = (_: string, i: number) => i % K !== f;
  const { train, held } = foldSplit(ENTRIES, K, f);
  const docs = tokenizeEntries(train);
  const retriever = createRetriever(train.map(entryDocument), docs);
  const byId = new Map(train.map((e) => [e.id, e]));
  const logistic = createLogistic(train, docs);
  for (const [q, e] of held) {
    const ids = questionIds(normalizeQuestion(q));
    const c = candidates(
      logistic.rankIds(ids, RERANK.depth),
      retriever
        .rankIds(ids, RERANK.depth)
        .map((h) => ({ entry: byId.get(h.id)!, score: h.score, coverage: h.coverage })),
    );
    if (c.entries.length === 0) continue;
    data.push({
      fold: f,
      xs: c.features,
      label: c.entries.findIndex((x) => x.id === e.id),
      first: 0,
    });
  }
}

const D = FEATURES.length;
// FEATURES_USED=logP,coverage: fit with the other features held at 0 (default: the kept set)
const used = (process.env.FEATURES_USED ?? 'logP,logTopic,coverage,topicCoverage,classifierTop').split(',');
for (const ex of data) for (const x of ex.xs) FEATURES.forEach((f, k) => !used.includes(f) && (x[k] = 0));
function fitWeights(train: Example[], l2 = 1e-3, iters = 300): Float64Array {
  const w = new Float64Array(D);
  w[0] = 1; // start from the classifier alone
  const g = new Float64Array(D);
  const rate = 0.5;
  for (let it = 0; it < iters; it++) {
    g.fill(0);
    let n = 0;
    for (const ex of train) {
      if (ex.label < 0) continue;
      n++;
      const s = ex.xs.map((x) => x.reduce((a, v, k) => a + v * w[k]!, 0));
      const m = Math.max(...s);
      const p = s.map((v) => Math.exp(v - m));
      const z = p.reduce((a, b) => a + b, 0);
      ex.xs.forEach((x, i) => {
        const d = p[i]! / z - (i === ex.label ? 1 : 0);
        for (let k = 0; k < D; k++) g[k]! += d * x[k]!;
      });
    }
    for (let k = 0; k < D; k++) w[k]! -= rate * (g[k]! / n + l2 * w[k]!);
  }
  return w;
}
function accuracy(test: Example[], w: Float64Array): number {
  let ok = 0;
  for (const ex of test) {
    let best = 0;
    let bs = -Infinity;
    ex.xs.forEach((x, i) => {
      const s = x.reduce((a, v, k) => a + v * w[k]!, 0);
      if (s > bs) {
        bs = s;
        best = i;
      }
    });
    if (best === ex.label) ok++;
  }
  return ok / test.length;
}
const base = (test: Example[]) => test.filter((ex) => ex.label === ex.first).length / test.length;
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const inCand = data.filter((ex) => ex.label >= 0).length / data.length;
console.log(`${data.length} held-out paraphrases, right entry among candidates ${pct(inCand)}`);
for (const [a, b] of [
  [(ex: Example) => ex.fold % 2 === 0, (ex: Example) => ex.fold % 2 === 1],
  [(ex: Example) => ex.fold % 2 === 1, (ex: Example) => ex.fold % 2 === 0],
] as const) {
  const w = fitWeights(data.filter(a));
  const test = data.filter(b);
  console.log(`half: classifier alone ${pct(base(test))}  re-ranked ${pct(accuracy(test, w))}`);
}
const w = fitWeights(data, 1e-3, 1000);
console.log(`all: classifier alone ${pct(base(data))}  re-ranked ${pct(accuracy(data, w))}`);
console.log(`weights: ${FEATURES.map((f, k) => `${f}: ${w[k]!.toFixed(3)}`).join(', ')}`);
