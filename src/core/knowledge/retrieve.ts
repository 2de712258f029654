// BM25 retrieval over every paraphrase of every entry, both languages in one index: a
// question is scored against each paraphrase and an entry keeps its best one. Two kinds
// of tokens, scored as two fields and added (BM25F-lite): words / syllable n-grams, and
// jamo / letter trigrams (typo tolerance, weighted lower).
//
// A hand-rolled inverted index rather than a search library: MiniSearch 7 (tried first)
// ran at ~190 questions/s with the ~70 tokens a Korean question makes; this runs at tens
// of thousands.
import type { Entry } from './entries';
import { gramTokens, normalizeQuestion, shapeTokens, wordTokens, type Normalized } from './tokenize';

export interface Ranked {
  entry: Entry;
  /** raw BM25 */
  score: number;
  /** score ÷ the most the question's tokens could earn (unknown tokens included): ~0..1 */
  coverage: number;
}

export const RETRIEVAL = {
  /** weight of the typo-tolerant trigram field next to the word field */
  gramBoost: 0.35,
  /** share of the most a never-seen token could have earned that counts against coverage */
  unseenWeight: 0.6,
  /** tokens rarer than this (idf) are not scored; see Field.score */
  minIdf: 2,
  k1: 1.2,
  b: 0.6,
} as const;

class Field {
  readonly ids = new Map<string, number>();
  readonly postings: number[][] = []; // term → [doc, tf, doc, tf, …]
  readonly lengths: number[] = [];
  idf: Float64Array = new Float64Array(0);
  avgLength = 1;
  maxIdf = 1;

  add(doc: number, tokens: string[]) {
    this.lengths[doc] = tokens.length;
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.postings.length;
        this.ids.set(t, id);
        this.postings.push([]);
      }
      this.postings[id]!.push(doc, n);
    }
  }

  finish(docs: number) {
    this.idf = new Float64Array(this.postings.length);
    this.postings.forEach((p, id) => {
      const df = p.length / 2;
      this.idf[id] = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
    });
    this.maxIdf = Math.log(1 + (docs + 0.5) / 0.5);
    let sum = 0;
    for (let d = 0; d < docs; d++) sum += this.lengths[d] ?? 0;
    this.avgLength = Math.max(1, sum / Math.max(1, docs));
  }

  /** Adds this field's BM25 for `tokens` into `acc`; returns the most the tokens could earn. */
  score(tokens: string[], weight: number, acc: Float64Array, touched: number[]): number {
    const { k1, b } = RETRIEVAL;
    const seen = new Set<string>();
    let ceiling = 0;
    for (const t of tokens) {
      if (seen.has(t)) continue;
      seen.add(t);
      const id = this.ids.get(t);
      if (id === undefined) {
        ceiling += weight * this.maxIdf * RETRIEVAL.unseenWeight;
        continue;
      }
      const idf = this.idf[id]!;
      // Tokens in most paraphrases ("통관부호", "어떻게") tell entries apart by almost nothing
      // and would touch every document: skipped, like stop words.
      if (idf < RETRIEVAL.minIdf) continue;
      ceiling += weight * idf;
      const p = this.postings[id]!;
      for (let i = 0; i < p.length; i += 2) {
        const doc = p[i]!;
        const tf = p[i + 1]!;
        const norm = tf + k1 * (1 - b + (b * this.lengths[doc]!) / this.avgLength);
        if (acc[doc] === 0) touched.push(doc);
        acc[doc]! += weight * idf * ((tf * (k1 + 1)) / norm);
      }
    }
    return ceiling;
  }
}

export interface Retriever {
  rank(text: string, limit?: number): Ranked[];
  rankNormalized(n: Normalized, limit?: number): Ranked[];
  /** Same, from tokens already made (wordTokens, gramTokens). */
  rankTokens(w: string[], g: string[], limit?: number): Ranked[];
  readonly size: number;
}

/** One paraphrase, tokenized: which entry it belongs to, its word and gram tokens. */
export interface Doc {
  entry: number;
  w: string[];
  g: string[];
  /** shapeTokens: for the logistic classifier only */
  x: string[];
}

/** Every paraphrase of every entry, both languages, tokenized once (shared by retrieval and the classifier). */
export function tokenizeEntries(entries: Entry[]): Doc[] {
  const docs: Doc[] = [];
  entries.forEach((e, entry) => {
    for (const side of [e.ko, e.en])
      for (const q of side.q) {
        const n = normalizeQuestion(q);
        docs.push({ entry, w: wordTokens(n), g: gramTokens(n), x: shapeTokens(n) });
      }
  });
  return docs;
}

export function createRetriever(entries: Entry[], docs: Doc[] = tokenizeEntries(entries)): Retriever {
  const words = new Field();
  const grams = new Field();
  const docEntry: number[] = [];
  for (const d of docs) {
    const doc = docEntry.length;
    docEntry.push(d.entry);
    words.add(doc, d.w);
    grams.add(doc, d.g);
  }
  words.finish(docEntry.length);
  grams.finish(docEntry.length);
  const acc = new Float64Array(docEntry.length);
  const entryBest = new Float64Array(entries.length);

  const touched: number[] = [];
  const hitEntries: number[] = [];
  const byBest = (a: number, b: number) => entryBest[b]! - entryBest[a]!;
  const rankTokens = (w: string[], g: string[], limit = 5): Ranked[] => {
    touched.length = 0;
    hitEntries.length = 0;
    const ceiling = words.score(w, 1, acc, touched) + grams.score(g, RETRIEVAL.gramBoost, acc, touched);
    for (const d of touched) {
      const e = docEntry[d]!;
      if (entryBest[e] === 0) hitEntries.push(e);
      if (acc[d]! > entryBest[e]!) entryBest[e] = acc[d]!;
      acc[d] = 0;
    }
    hitEntries.sort(byBest);
    const out: Ranked[] = [];
    for (let i = 0; i < hitEntries.length && i < limit; i++) {
      const e = hitEntries[i]!;
      out.push({ entry: entries[e]!, score: entryBest[e]!, coverage: ceiling > 0 ? entryBest[e]! / ceiling : 0 });
    }
    for (const e of hitEntries) entryBest[e] = 0;
    return out;
  };
  const rankNormalized = (n: Normalized, limit?: number) => rankTokens(wordTokens(n), gramTokens(n), limit);
  return {
    rank: (text, limit) => rankNormalized(normalizeQuestion(text), limit),
    rankNormalized,
    rankTokens,
    size: docEntry.length,
  };
}
