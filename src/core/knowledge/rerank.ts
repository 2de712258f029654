// A small learned re-ranker over the classifier's best few candidates: a softmax over one
// question's candidates of a linear score of features both rankers give (the classifier's
// log posterior and its topic's, BM25 coverage of the entry and of its topic).
// The weights are fitted by scripts/fit-rerank.ts on out-of-fold candidates of the
// paraphrases (never the blind sets) and written here. Measured on paraphrase cross-validation:
// entry 68.5% → 70.9%; blind dev2 topic 89.1% → 89.1%, direct 90.9% → 91.3%; dev3 85.5% →
// 86.2%, 91.7% → 92.7%. Only the classifier's candidates are re-ordered (bm25Candidates).
import type { Entry } from './entries';
import type { Ranked } from './retrieve';

export const FEATURES = [
  'logP',
  'logTopic',
  'bm25Rel',
  'coverage',
  'topicCoverage',
  'bm25Top',
  'classifierTop',
  'bm25Recip',
] as const;

export const RERANK = {
  /** candidates from each ranker */
  depth: 5,
  /**
   * BM25's best entries become candidates too (the classifier's posterior floored). Off: a
   * short question's coverage then overrode a confident classifier ("개인통관부호 머임" went
   * to lookup), and blind dev2 lost 1 topic answer against keeping to the classifier's.
   */
  bm25Candidates: false as boolean,
  /** posteriors below this count as this (absent candidates too) */
  floor: 1e-4,
  /**
   * Fitted with FEATURES_USED=logP,logTopic,coverage,topicCoverage,classifierTop. With the BM25
   * score and rank features too (and bm25Candidates) it re-ranked paraphrases better (+2.9
   * entry) but blind dev2 lost 4 topic answers: they reward the wording siblings share, which
   * people who never saw the entries do not use.
   */
  weights: [1.081, -0.096, 0, 2.813, 0.213, 0, 0.082, 0] as number[],
};

export interface Candidates {
  entries: Entry[];
  features: Float64Array[];
  /** each candidate's posterior (0 when the classifier did not rank it) */
  p: number[];
}

/** Candidates (the classifier's first, in its order, then BM25's) with their features. */
export function candidates(classified: Ranked[], retrieved: Ranked[], depth = RERANK.depth): Candidates {
  const entries: Entry[] = [];
  const p: number[] = [];
  const rel: number[] = [];
  const cov: number[] = [];
  const bmRank: number[] = [];
  const at = (e: Entry) => {
    let i = entries.indexOf(e);
    if (i < 0) {
      i = entries.length;
      entries.push(e);
      p.push(0);
      rel.push(0);
      cov.push(0);
      bmRank.push(-1);
    }
    return i;
  };
  const nc = Math.min(depth, classified.length);
  for (let r = 0; r < nc; r++) p[at(classified[r]!.entry)] = classified[r]!.score;
  // BM25 gives features; it adds candidates of its own only with RERANK.bm25Candidates.
  const top = retrieved[0]?.score || 1;
  for (let r = 0; r < retrieved.length; r++) {
    const own = r < depth && RERANK.bm25Candidates;
    const i = own ? at(retrieved[r]!.entry) : entries.indexOf(retrieved[r]!.entry);
    if (i < 0) continue;
    rel[i] = retrieved[r]!.score / top;
    cov[i] = retrieved[r]!.coverage;
    bmRank[i] = r;
  }
  // A BM25 candidate's posterior, when the classifier ranked it deeper than the candidates.
  for (let r = nc; r < classified.length; r++) {
    const i = entries.indexOf(classified[r]!.entry);
    if (i >= 0) p[i] = classified[r]!.score;
  }
  // Topic-level sums over every classified entry (deeper than the candidates), best coverage
  // over every retrieved one.
  const topicP = new Map<string, number>();
  for (const x of classified) topicP.set(x.entry.topic, (topicP.get(x.entry.topic) ?? 0) + x.score);
  const topicCov = new Map<string, number>();
  for (const x of retrieved)
    if (x.coverage > (topicCov.get(x.entry.topic) ?? 0)) topicCov.set(x.entry.topic, x.coverage);
  const floor = RERANK.floor;
  const features = entries.map((e, i) => {
    const r = bmRank[i]!;
    return Float64Array.of(
      Math.log(Math.max(p[i]!, floor)),
      Math.log(Math.max(topicP.get(e.topic) ?? 0, floor)),
      rel[i]!,
      cov[i]!,
      topicCov.get(e.topic) ?? 0,
      r === 0 ? 1 : 0,
      i === 0 && nc > 0 ? 1 : 0,
      r >= 0 ? 1 / (1 + r) : 0,
    );
  });
  return { entries, features, p };
}

const buf = { s: new Float64Array(8), f: new Float64Array(FEATURES.length) };

/**
 * The classifier's ranking with its best candidates re-ranked: the candidates share the
 * posterior mass they had, split by the re-ranker's softmax; the rest keep theirs.
 */
export function rerank(classified: Ranked[], retrieved: Ranked[], weights = RERANK.weights): Ranked[] {
  if (RERANK.bm25Candidates) return rerankWith(candidates(classified, retrieved), classified, weights);
  // The candidates are the classifier's first `depth`: the features of candidates(), computed
  // in place without its lists and maps (same arithmetic, same order: the same answers).
  const n = Math.min(RERANK.depth, classified.length);
  if (n === 0) return classified;
  if (buf.s.length < n) buf.s = new Float64Array(n);
  const { s, f } = buf;
  const floor = RERANK.floor;
  const top = retrieved[0]?.score || 1;
  let mass = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = classified[i]!;
    const topic = x.entry.topic;
    mass += x.score;
    let topicP = 0;
    for (const y of classified) if (y.entry.topic === topic) topicP += y.score;
    let topicCov = 0;
    let r = -1;
    for (let k = 0; k < retrieved.length; k++) {
      const y = retrieved[k]!;
      if (y.entry.topic === topic && y.coverage > topicCov) topicCov = y.coverage;
      if (y.entry === x.entry) r = k;
    }
    f[0] = Math.log(Math.max(x.score, floor));
    f[1] = Math.log(Math.max(topicP, floor));
    f[2] = r >= 0 ? retrieved[r]!.score / top : 0;
    f[3] = r >= 0 ? retrieved[r]!.coverage : 0;
    f[4] = topicCov;
    f[5] = r === 0 ? 1 : 0;
    f[6] = i === 0 ? 1 : 0;
    f[7] = r >= 0 ? 1 / (1 + r) : 0;
    let v = 0;
    for (let k = 0; k < f.length; k++) v += f[k]! * weights[k]!;
    s[i] = v;
    if (v > max) max = v;
  }
  let z = 0;
  for (let i = 0; i < n; i++) {
    s[i] = Math.exp(s[i]! - max);
    z += s[i]!;
  }
  const head: Ranked[] = [];
  for (let i = 0; i < n; i++) head.push({ entry: classified[i]!.entry, score: (mass * s[i]!) / z, coverage: 0 });
  // What a stable sort of head then the rest gives (best first, ties in that order): the
  // rest, the classifier's ranking, is best first already, so the head is sorted and merged in.
  let sorted = true;
  for (let i = n + 1; i < classified.length; i++) if (classified[i]!.score > classified[i - 1]!.score) sorted = false;
  if (!sorted) return [...head, ...classified.slice(n)].sort((a, b) => b.score - a.score);
  for (let i = 1; i < n; i++) {
    const x = head[i]!;
    let k = i;
    while (k > 0 && head[k - 1]!.score < x.score) {
      head[k] = head[k - 1]!;
      k--;
    }
    head[k] = x;
  }
  const out: Ranked[] = [];
  let h = 0;
  let t = n;
  while (h < n || t < classified.length)
    out.push(
      t === classified.length || (h < n && head[h]!.score >= classified[t]!.score) ? head[h++]! : classified[t++]!,
    );
  return out;
}

function rerankWith(c: Candidates, classified: Ranked[], weights: number[]): Ranked[] {
  const n = c.entries.length;
  if (n === 0) return classified;
  let mass = 0;
  for (const x of c.p) mass += x;
  const s = c.features.map((f) => {
    let v = 0;
    for (let k = 0; k < f.length; k++) v += f[k]! * weights[k]!;
    return v;
  });
  let max = -Infinity;
  for (const v of s) if (v > max) max = v;
  let z = 0;
  for (let i = 0; i < n; i++) {
    s[i] = Math.exp(s[i]! - max);
    z += s[i]!;
  }
  const out: Ranked[] = c.entries.map((entry, i) => ({ entry, score: (mass * s[i]!) / z, coverage: 0 }));
  for (const x of classified) if (!c.entries.includes(x.entry)) out.push(x);
  return out.sort((a, b) => b.score - a.score);
}
