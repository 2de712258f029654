// Character n-gram similarity to each topic's example phrases: jamo trigrams
// for Korean (so one wrong vowel costs little), whole words for English,
// TF-IDF weighted across topics, cosine against the closest example.
import { TOPIC_IDS, type TopicId } from './types';
import type { Features } from './features';
import { jamoString } from './normalize';

const EN_STOP = new Set(['a', 'an', 'the', 'my', 'i', 'to', 'is', 'it', 'for', 'of', 'on', 'in', 'me', 'and', 'or', 'with']);

export function grams(f: Pick<Features, 'koResidual' | 'enResidual'>): Map<string, number> {
  const out = new Map<string, number>();
  const add = (g: string) => out.set(g, (out.get(g) ?? 0) + 1);
  const jamo = jamoString(f.koResidual);
  const chars = Array.from(jamo);
  for (let i = 0; i + 3 <= chars.length; i++) add(chars[i] + chars[i + 1] + chars[i + 2]);
  for (const w of f.enResidual) if (!EN_STOP.has(w)) add(`w:${w.length > 4 ? w.slice(0, 5) : w}`);
  return out;
}

interface Posting {
  example: number;
  weight: number;
}

export class SimilarityIndex {
  private readonly postings = new Map<string, Posting[]>();
  private readonly idf = new Map<string, number>();
  private readonly exampleTopic: TopicId[] = [];

  constructor(examples: { topic: TopicId; grams: Map<string, number> }[]) {
    // Document frequency counted per topic, so a gram used by every topic
    // (like "어떻게") weighs almost nothing.
    const topicsPerGram = new Map<string, Set<TopicId>>();
    for (const ex of examples)
      for (const g of ex.grams.keys()) {
        let s = topicsPerGram.get(g);
        if (!s) topicsPerGram.set(g, (s = new Set()));
        s.add(ex.topic);
      }
    for (const [g, s] of topicsPerGram) this.idf.set(g, Math.log(1 + TOPIC_IDS.length / s.size));

    examples.forEach((ex, i) => {
      this.exampleTopic.push(ex.topic);
      const vec = this.weigh(ex.grams);
      for (const [g, w] of vec) {
        let list = this.postings.get(g);
        if (!list) this.postings.set(g, (list = []));
        list.push({ example: i, weight: w });
      }
    });
  }

  /** Unit-length TF-IDF vector; grams never seen in examples are ignored. */
  private weigh(counts: Map<string, number>): Map<string, number> {
    const vec = new Map<string, number>();
    let norm = 0;
    for (const [g, c] of counts) {
      const idf = this.idf.get(g);
      if (idf === undefined) continue;
      const w = (1 + Math.log(c)) * idf;
      vec.set(g, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [g, w] of vec) vec.set(g, w / norm);
    return vec;
  }

  /** Best cosine per topic (0..1). Input grams unseen in examples still count in its length. */
  score(counts: Map<string, number>): Record<TopicId, number> {
    const result = Object.fromEntries(TOPIC_IDS.map((t) => [t, 0])) as Record<TopicId, number>;
    if (counts.size === 0) return result;
    // Unseen grams get the maximum idf in the norm, so off-topic text with a
    // lucky shared gram is not scored as a near-duplicate.
    const maxIdf = Math.log(1 + TOPIC_IDS.length);
    let norm = 0;
    const weights = new Map<string, number>();
    for (const [g, c] of counts) {
      const w = (1 + Math.log(c)) * (this.idf.get(g) ?? maxIdf);
      weights.set(g, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    const dots = new Map<number, number>();
    for (const [g, w] of weights) {
      const list = this.postings.get(g);
      if (!list) continue;
      for (const p of list) dots.set(p.example, (dots.get(p.example) ?? 0) + (w / norm) * p.weight);
    }
    for (const [ex, d] of dots) {
      const t = this.exampleTopic[ex];
      if (d > result[t]) result[t] = d;
    }
    return result;
  }
}
