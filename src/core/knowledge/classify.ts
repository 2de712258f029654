// A small trained classifier beside retrieval: multinomial naive Bayes over the same tokens
// (syllable n-grams, concepts, words, jamo / letter trigrams), one class per entry, trained
// from the entries' paraphrases when the module loads (milliseconds; no model file to go
// stale, no network). Scored sparsely: a class's log-likelihood is its "unseen token" base
// plus, per token it has seen, the gain over that base — so a question costs the postings
// of its own tokens, as in retrieval.
import type { Entry } from './entries';
import { tokenizeEntries, type Doc, type Ranked } from './retrieve';
import { gramTokens, wordTokens, type Normalized } from './tokenize';

export const NAIVE_BAYES = { alpha: 0.1, gramWeight: 0.35 } as const;

export interface Classifier {
  /** Entries by posterior probability (score = coverage = posterior), best first. */
  rankNormalized(n: Normalized, limit?: number): Ranked[];
  /** Same, from tokens already made (wordTokens, gramTokens). */
  rankTokens(w: string[], g: string[], limit?: number): Ranked[];
}

export function createClassifier(entries: Entry[], docs: Doc[] = tokenizeEntries(entries)): Classifier {
  const { alpha, gramWeight } = NAIVE_BAYES;
  const C = entries.length;
  const counts = new Map<string, Map<number, number>>();
  const totals = new Float64Array(C);
  const count = (t: string, c: number, w: number) => {
    let m = counts.get(t);
    if (!m) counts.set(t, (m = new Map()));
    m.set(c, (m.get(c) ?? 0) + w);
    totals[c]! += w;
  };
  for (const d of docs) {
    for (const t of d.w) count(t, d.entry, 1);
    for (const t of d.g) count(t, d.entry, gramWeight);
  }
  const V = counts.size;
  const logDenom = Array.from(totals, (t) => Math.log(t + alpha * V));
  const logAlpha = Math.log(alpha);
  // token → [class, gain, class, gain, …] with gain = log(count + α) − log α
  const postings = new Map<string, number[]>();
  for (const [t, m] of counts) {
    const p: number[] = [];
    for (const [c, n] of m) p.push(c, Math.log(n + alpha) - logAlpha);
    postings.set(t, p);
  }
  const logp = new Float64Array(C);

  const top: number[] = [];
  // Accumulates the gains of one token list straight into logp; returns the weight seen.
  const gains = (tokens: string[], w: number): number => {
    let seen = 0;
    for (const t of tokens) {
      const p = postings.get(t);
      if (!p) continue;
      seen += w;
      for (let i = 0; i < p.length; i += 2) logp[p[i]!]! += w * p[i + 1]!;
    }
    return seen;
  };
  const rankTokens = (wt: string[], gt: string[], limit = 5): Ranked[] => {
    logp.fill(0);
    const W = gains(wt, 1) + gains(gt, gramWeight);
    if (W === 0) return [];
    for (let c = 0; c < C; c++) logp[c]! += W * (logAlpha - logDenom[c]!);
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (logp[c]! > max) max = logp[c]!;
    let z = 0;
    for (let c = 0; c < C; c++) z += Math.exp(logp[c]! - max);
    // Top `limit` by a partial selection (C is small; a full sort is the cost to avoid).
    top.length = 0;
    for (let c = 0; c < C; c++) {
      if (top.length === limit && logp[c]! <= logp[top[top.length - 1]!]!) continue;
      let k = top.length < limit ? top.length : limit - 1;
      top[k] = c;
      while (k > 0 && logp[top[k - 1]!]! < logp[c]!) {
        top[k] = top[k - 1]!;
        top[k - 1] = c;
        k--;
      }
    }
    const out: Ranked[] = [];
    for (const c of top) {
      const post = Math.exp(logp[c]! - max) / z;
      out.push({ entry: entries[c]!, score: post, coverage: post });
    }
    return out;
  };
  return { rankTokens, rankNormalized: (n, limit) => rankTokens(wordTokens(n), gramTokens(n), limit) };
}
