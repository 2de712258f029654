// The ranker beside retrieval: multinomial logistic regression (softmax) over the tokens of
// retrieval (syllable bigrams, concepts, words, jamo / letter trigrams) plus syllable
// trigrams and skip-bigrams (shapeTokens), trained by SGD from the entries' paraphrases when
// the module loads. It learns which tokens tell classes apart (a filler like "혹시" or
// "어떻게" earns ~0 weight, "해지" a lot), so long questions with context are not pulled to
// whichever entry shares their filler. (Naive Bayes over the same tokens, which it replaced,
// measured 83.5% topic on the blind dev split against 88.7%.)
//
// Two levels: a softmax over topics, and inside each topic a softmax over its entries;
// P(entry) = P(topic) · P(entry | topic). One flat softmax over every entry measured worse
// (84.7% against 87.5% topic, ranking alone on dev) and trained ~6× slower.
// Deterministic: fixed epochs, a seeded shuffle.
import type { Entry } from './entries';
import type { TopicId } from './types';
import { tokenizeEntries, type Doc, type Ranked } from './retrieve';
import { questionIds, SeenIds, tokenIds, vocabSize, type Normalized, type TokenIds } from './tokenize';

export const LOGISTIC = {
  /** weight of a jamo / letter trigram next to a word token */
  gramWeight: 0.35,
  epochs: 12,
  /**
   * initial learning rate, decayed as 1 / (1 + decay · epoch); 2 against 0.5 (underfit) measured
   * +1.4 topic / +4.5 entry on paraphrase cross-validation (scripts/cv.ts)
   */
  rate: 2,
  decay: 0.5,
  /** L2 per example */
  l2: 1e-5,
} as const;

/** Topics below this share of the likeliest topic's probability are not scored further. */
const SKIP_TOPIC = 1e-3;
const ONE = new Float64Array([1]);

export type LogisticParams = { [K in keyof typeof LOGISTIC]: number };

export interface LogisticClassifier {
  /** Entries by posterior probability (score = coverage = posterior), best first. */
  /** `prior`: a topic made `factor` times likelier before the question (a follow-up's topic). */
  rankTokens(w: string[], g: string[], x: string[], limit?: number, prior?: TopicPrior): Ranked[];
  rankNormalized(n: Normalized, limit?: number): Ranked[];
  /** Same, from token ids already looked up (questionIds): what the understander calls. */
  rankIds(q: TokenIds, limit?: number, prior?: TopicPrior): Ranked[];
  /** Topics in the order of topicPosterior. */
  readonly topics: TopicId[];
  /** P(topic) for a question. */
  topicPosterior(w: string[], g: string[], x: string[]): Float64Array;
}

export interface TopicPrior {
  topic: TopicId;
  factor: number;
}

interface Sparse {
  ids: Int32Array;
  vals: Float64Array;
  n: number;
}

/**
 * A softmax over C classes. Weights only for the features its training examples have (a
 * topic's entry model knows that topic's tokens): rows stay few and close in memory, which
 * is what training speed depends on (it is bound by memory, not arithmetic).
 */
class Softmax {
  readonly rows: Int32Array;
  readonly W: Float32Array;
  readonly bias: Float64Array;
  readonly z: Float64Array;
  private bases = new Int32Array(256);
  private vs = new Float64Array(256);
  constructor(
    V: number,
    readonly C: number,
    xs: Sparse[],
  ) {
    this.rows = new Int32Array(V).fill(-1);
    let R = 0;
    for (const x of xs) for (let k = 0; k < x.n; k++) if (this.rows[x.ids[k]!] === -1) this.rows[x.ids[k]!] = R++;
    this.W = new Float32Array(R * C);
    this.bias = new Float64Array(C);
    this.z = new Float64Array(C);
  }

  /** Posterior into this.z. */
  predict(x: Sparse, scale: number): Float64Array {
    const { C, W, z, rows } = this;
    z.set(this.bias);
    // The features this model knows: their rows' offsets and values.
    let { bases, vs } = this;
    if (bases.length < x.n) {
      bases = this.bases = new Int32Array(x.n);
      vs = this.vs = new Float64Array(x.n);
    }
    let m = 0;
    for (let k = 0; k < x.n; k++) {
      const r = rows[x.ids[k]!]!;
      if (r < 0) continue;
      bases[m] = r * C;
      vs[m++] = x.vals[k]! * scale;
    }
    addLogits(z, W, bases, vs, m, C);
    softmaxInPlace(z, C);
    return z;
  }

  train(xs: Sparse[], ys: number[], p: LogisticParams, rand: () => number) {
    const { C, W, bias, z, rows } = this;
    if (C < 2) return;
    // Each example's offsets into W, looked up once instead of twice per step (every
    // feature of a training example has a row).
    const bases = xs.map((x) => {
      const b = new Int32Array(x.n);
      for (let k = 0; k < x.n; k++) b[k] = rows[x.ids[k]!]! * C;
      return b;
    });
    // The real weight is scale · W: L2 decay costs one multiplication per step.
    let scale = 1;
    const order = Array.from(xs, (_, i) => i);
    const active = new Int32Array(C);
    let longest = 0;
    for (const x of xs) if (x.n > longest) longest = x.n;
    const vs = new Float64Array(longest);
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const eta = p.rate / (1 + p.decay * epoch);
      for (const i of order) {
        const x = xs[i]!;
        const base = bases[i]!;
        // predict(x, scale), with the offsets at hand (same arithmetic, same order; four
        // classes at a time in registers, as there)
        z.set(bias);
        const n = x.n;
        for (let k = 0; k < n; k++) vs[k] = x.vals[k]! * scale;
        addLogits(z, W, base, vs, n, C);
        softmaxInPlace(z, C);
        z[ys[i]!]! -= 1; // d loss / d logits = p − onehot
        scale *= 1 - eta * p.l2;
        const g = eta / scale;
        // Only classes with a gradient worth applying (after the first epochs, a handful).
        let na = 0;
        for (let c = 0; c < C; c++) if (z[c]! > 1e-4 || z[c]! < -1e-4) active[na++] = c;
        for (let k = 0; k < x.n; k++) {
          const b = base[k]!;
          const v = x.vals[k]! * g;
          for (let a = 0; a < na; a++) W[b + active[a]!]! -= v * z[active[a]!]!;
        }
        for (let a = 0; a < na; a++) bias[active[a]!]! -= eta * z[active[a]!]!;
      }
    }
    for (let f = 0; f < W.length; f++) W[f]! *= scale;
  }
}

/** A deterministic generator in [0, 1): training shuffles alike on every start. */
function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Feature vectors of questions over token ids (shared with retrieval: a question's tokens are
 * not looked up again). Ids seen while growing (training examples) are known; others are
 * skipped.
 */
function featurizer(gramWeight: number) {
  let known = new Uint8Array(vocabSize());
  const seen = new SeenIds();
  const ids0: number[] = [];
  const vals0: number[] = [];
  const fill = (res: Sparse, n: number, offset: number, norm: number) => {
    for (let k = 0; k < n; k++) {
      res.ids[k] = ids0[offset + k]!;
      res.vals[k] = vals0[offset + k]! / norm;
    }
    res.n = n;
    return res;
  };
  const sparse = (n: number, out?: Sparse): Sparse =>
    out && out.ids.length >= n ? out : { ids: new Int32Array(n), vals: new Float64Array(n), n };
  /**
   * Two unit-length vectors from one question: every token (the topic model), and without
   * the jamo / letter trigrams (the entry models: telling a topic's entries apart is a
   * matter of words, and trigrams would triple their cost).
   */
  const features = (w: Int32Array, g: Int32Array, x: Int32Array, grow: boolean, out?: [Sparse, Sparse]) => {
    seen.next();
    ids0.length = 0;
    vals0.length = 0;
    const add = (tokens: Int32Array, v: number) => {
      for (const id of tokens) {
        if (grow) {
          if (id >= known.length) {
            const more = new Uint8Array(Math.max(known.length * 2, id + 1));
            more.set(known);
            known = more;
          }
          known[id] = 1;
        } else if (id < 0 || id >= known.length || known[id] === 0) continue;
        if (!seen.first(id)) continue;
        ids0.push(id);
        vals0.push(v);
      }
    };
    add(w, 1);
    add(x, 1);
    const nWords = ids0.length;
    // Unit length: a long question does not score higher just by saying more.
    const words = Math.sqrt(nWords) || 1;
    if (gramWeight > 0) add(g, gramWeight);
    let all = nWords;
    for (let k = nWords; k < ids0.length; k++) all += vals0[k]! * vals0[k]!;
    const full = fill(sparse(ids0.length, out?.[0]), ids0.length, 0, Math.sqrt(all) || 1);
    const lean = fill(sparse(nWords, out?.[1]), nWords, 0, words);
    return [full, lean] as [Sparse, Sparse];
  };
  const query = (): [Sparse, Sparse] => [
    { ids: new Int32Array(512), vals: new Float64Array(512), n: 0 },
    { ids: new Int32Array(512), vals: new Float64Array(512), n: 0 },
  ];
  return { features, query, size: () => known.length };
}

export function createLogistic(
  entries: Entry[],
  docs: Doc[] = tokenizeEntries(entries),
  params: LogisticParams = LOGISTIC,
): LogisticClassifier {
  const { features, query: newQuery, size } = featurizer(params.gramWeight);
  const xs = docs.map((d) => features(d.w, d.g, d.x, true));
  const query = newQuery();
  const V = size();

  const topics = [...new Set(entries.map((e) => e.topic))];
  const topicOf = entries.map((e) => topics.indexOf(e.topic));
  // Entries of each topic, and each entry's place inside its topic.
  const members = topics.map((_, t) => entries.map((_, i) => i).filter((i) => topicOf[i] === t));
  const place = entries.map((_, i) => members[topicOf[i]!]!.indexOf(i));

  const rand = seededRandom(0x9e3779b9);
  const topicModel = new Softmax(
    V,
    topics.length,
    xs.map((x) => x[0]),
  );
  topicModel.train(
    xs.map((x) => x[0]),
    docs.map((d) => topicOf[d.entry]!),
    params,
    rand,
  );
  const entryModels = members.map((list, t) => {
    const mine = docs.map((d, i) => [d, i] as const).filter(([d]) => topicOf[d.entry] === t);
    const model = new Softmax(
      V,
      list.length,
      mine.map(([, i]) => xs[i]![1]),
    );
    model.train(
      mine.map(([, i]) => xs[i]![1]),
      mine.map(([d]) => place[d.entry]!),
      params,
      rand,
    );
    return model;
  });

  const post = new Float64Array(entries.length);
  const pTopic = new Float64Array(topics.length);
  const byTopic = Array.from(topics, (_, t) => t);
  const kept: number[] = []; // the `limit` best posteriors so far, best first
  const top: number[] = [];
  /**
   * P(entry) into `post` for the entries that can reach the best `limit` (0 for the rest);
   * false when the question has no known token.
   */
  const score = (q: TokenIds, limit: number, prior?: TopicPrior): boolean => {
    const [x, lean] = features(q.w, q.g, q.x, false, query);
    if (x.n === 0) return false;
    pTopic.set(topicModel.predict(x, 1));
    const t = prior ? topics.indexOf(prior.topic) : -1;
    if (t >= 0) {
      pTopic[t]! *= prior!.factor;
      let sum = 0;
      for (const p of pTopic) sum += p;
      for (let k = 0; k < pTopic.length; k++) pTopic[k]! /= sum;
    }
    let best = 0;
    for (const p of pTopic) if (p > best) best = p;
    post.fill(0);
    // Likeliest topics first: P(entry) ≤ P(topic), so once `limit` posteriors are in hand,
    // a topic less likely than the worst of them cannot place an entry in the result, and
    // neither can any topic after it. Its entry model (most of the cost) is not run.
    byTopic.sort((a, b) => pTopic[b]! - pTopic[a]!);
    kept.length = 0;
    for (const t of byTopic) {
      // A topic this unlikely cannot place an entry near the top: its entry model is not run.
      if (pTopic[t]! < best * SKIP_TOPIC) break;
      if (kept.length >= limit && (limit === 0 || pTopic[t]! < kept[limit - 1]!)) break;
      const list = members[t]!;
      const pe = list.length > 1 ? entryModels[t]!.predict(lean, 1) : ONE;
      for (let k = 0; k < list.length; k++) {
        const p = pTopic[t]! * pe[k]!;
        post[list[k]!] = p;
        if (kept.length === limit && p <= kept[limit - 1]!) continue;
        let i = kept.length < limit ? kept.length : limit - 1;
        while (i > 0 && kept[i - 1]! < p) {
          kept[i] = kept[i - 1]!;
          i--;
        }
        kept[i] = p;
      }
    }
    return true;
  };
  const rankIds = (q: TokenIds, limit = 5, prior?: TopicPrior): Ranked[] => {
    if (!score(q, limit, prior)) return [];
    top.length = 0;
    for (let c = 0; c < entries.length; c++) {
      if (post[c] === 0) continue;
      if (top.length === limit && post[c]! <= post[top[top.length - 1]!]!) continue;
      let k = top.length < limit ? top.length : limit - 1;
      top[k] = c;
      while (k > 0 && post[top[k - 1]!]! < post[c]!) {
        top[k] = top[k - 1]!;
        top[k - 1] = c;
        k--;
      }
    }
    return top.map((c) => ({ entry: entries[c]!, score: post[c]!, coverage: post[c]! }));
  };
  const idsOf = (w: string[], g: string[], x: string[]): TokenIds => ({
    w: tokenIds(w),
    g: tokenIds(g),
    x: tokenIds(x),
  });
  return {
    rankIds,
    rankTokens: (w, g, x, limit, prior) => rankIds(idsOf(w, g, x), limit, prior),
    rankNormalized: (n, limit) => rankIds(questionIds(n), limit),
    topics,
    topicPosterior: (w, g, x) => (score(idsOf(w, g, x), 0) ? pTopic.slice() : new Float64Array(topics.length)),
  };
}

/**
 * z[c] += v · W[row, c] over the m features in order, four classes at a time in registers: each
 * z[c] adds the same terms in the same order as a loop over features, then classes (which kept
 * z[c] in memory, a load and a store per multiply: twice as slow).
 */
function addLogits(
  z: Float64Array,
  W: Float32Array,
  bases: ArrayLike<number>,
  vs: Float64Array,
  m: number,
  C: number,
): void {
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    let z0 = z[c]!;
    let z1 = z[c + 1]!;
    let z2 = z[c + 2]!;
    let z3 = z[c + 3]!;
    for (let k = 0; k < m; k++) {
      const v = vs[k]!;
      const b = bases[k]! + c;
      z0 += v * W[b]!;
      z1 += v * W[b + 1]!;
      z2 += v * W[b + 2]!;
      z3 += v * W[b + 3]!;
    }
    z[c] = z0;
    z[c + 1] = z1;
    z[c + 2] = z2;
    z[c + 3] = z3;
  }
  for (; c < C; c++) {
    let zc = z[c]!;
    for (let k = 0; k < m; k++) zc += vs[k]! * W[bases[k]! + c]!;
    z[c] = zc;
  }
}

/** Logits to probabilities, in place (shifted by the largest, so exp never overflows). */
function softmaxInPlace(z: Float64Array, C: number): void {
  let max = -Infinity;
  for (let c = 0; c < C; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < C; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < C; c++) z[c]! /= sum;
}

/**
 * In the domain or not: a two-class logistic model trained on the entries' paraphrases
 * (label 0) against questions people ask about other things (label 1). Returns P(off-topic).
 */
export function createGate(
  inDocs: readonly Doc[],
  offDocs: readonly Doc[],
  offWeight = 3,
  params: LogisticParams = LOGISTIC,
): (q: TokenIds) => number {
  const { features, query: newQuery, size } = featurizer(params.gramWeight);
  // Off-topic examples are fewer than the in-domain texts (~1 to 10): each counts `offWeight`
  // times (3 against 1, 2 and 4 on the blind dev sets).
  const offs = Array.from({ length: offWeight }, () => offDocs).flat();
  const xs = [...inDocs, ...offs].map((d) => features(d.w, d.g, d.x, true)[0]);
  const ys = [...inDocs.map(() => 0), ...offs.map(() => 1)];
  const model = new Softmax(size(), 2, xs);
  model.train(xs, ys, params, seededRandom(0x2545f491));
  const query = newQuery();
  return (q) => {
    const [x] = features(q.w, q.g, q.x, false, query);
    if (x.n === 0) return 0.5;
    return model.predict(x, 1)[1]!;
  };
}
