// BM25 retrieval over documents, each an id and its texts (an entry and its paraphrases in
// both languages, in one index; the off-topic examples): a question is scored against each
// text and a document keeps its best one. Two kinds of tokens, scored as two fields and added
// (BM25F-lite): words / syllable n-grams, and jamo / letter trigrams (typo tolerance, weighted
// lower).
//
// A hand-rolled inverted index rather than a search library: MiniSearch 7 (tried first)
// ran at ~190 questions/s with the ~70 tokens a Korean question makes; this runs at tens
// of thousands.
import type { Entry } from './entries';
import {
  gramTokens,
  internTokens,
  normalizeQuestion,
  SeenIds,
  shapeTokens,
  tokenIds,
  wordTokens,
  type TokenIds,
} from './tokenize';

/** An entry ranked for a question (by the classifier, by the understander): score and coverage as each says. */
export interface Ranked {
  entry: Entry;
  score: number;
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

/** Documents reached by a question, in first-reached order (a reused buffer: docs[0 … n − 1]). */
interface Touched {
  docs: Int32Array;
  n: number;
}

/**
 * One field's inverted index over token ids. Postings are flat typed arrays (CSR: the
 * postings of term t are start[t] … start[t + 1]) and each holds its finished BM25 share
 * (weight · idf · tf-part), computed once at build with the very expression the query
 * used to evaluate, so scoring a question is one addition per posting.
 */
class Field {
  private readonly counts: number[][] = []; // build only: term → [doc, tf, doc, tf, …]
  private readonly termOfId = new Map<number, number>(); // build only: token id → term
  private readonly lengths: number[] = [];
  /** token id → term, −1 when this field never saw the token */
  private term: Int32Array = new Int32Array(0);
  private start: Int32Array = new Int32Array(1);
  private docs: Int32Array = new Int32Array(0);
  private share: Float64Array = new Float64Array(0);
  private idf: Float64Array = new Float64Array(0);
  /** weight · idf per term: what the term adds to the ceiling */
  private weightedIdf: Float64Array = new Float64Array(0);
  /** what a token this field never saw adds to the ceiling */
  private unseen = 0;
  private readonly seen = new SeenIds();

  constructor(private readonly weight: number) {}

  add(doc: number, tokens: Int32Array) {
    this.lengths[doc] = tokens.length;
    const tf = new Map<number, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let term = this.termOfId.get(t);
      if (term === undefined) {
        term = this.counts.length;
        this.termOfId.set(t, term);
        this.counts.push([]);
      }
      this.counts[term]!.push(doc, n);
    }
  }

  finish(docs: number) {
    const { k1, b } = RETRIEVAL;
    const terms = this.counts.length;
    this.idf = new Float64Array(terms);
    this.weightedIdf = new Float64Array(terms);
    this.counts.forEach((p, term) => {
      const df = p.length / 2;
      this.idf[term] = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
      this.weightedIdf[term] = this.weight * this.idf[term]!;
    });
    const maxIdf = Math.log(1 + (docs + 0.5) / 0.5);
    this.unseen = this.weight * maxIdf * RETRIEVAL.unseenWeight;
    let sum = 0;
    for (let d = 0; d < docs; d++) sum += this.lengths[d] ?? 0;
    const avgLength = Math.max(1, sum / Math.max(1, docs));

    let maxId = -1;
    for (const id of this.termOfId.keys()) if (id > maxId) maxId = id;
    this.term = new Int32Array(maxId + 1).fill(-1);
    for (const [id, term] of this.termOfId) this.term[id] = term;
    this.start = new Int32Array(terms + 1);
    for (let term = 0; term < terms; term++) this.start[term + 1] = this.start[term]! + this.counts[term]!.length / 2;
    this.docs = new Int32Array(this.start[terms]!);
    this.share = new Float64Array(this.start[terms]!);
    for (let term = 0; term < terms; term++) {
      const p = this.counts[term]!;
      const idf = this.idf[term]!;
      for (let i = 0, at = this.start[term]!; i < p.length; i += 2, at++) {
        const doc = p[i]!;
        const tf = p[i + 1]!;
        const norm = tf + k1 * (1 - b + (b * this.lengths[doc]!) / avgLength);
        this.docs[at] = doc;
        this.share[at] = this.weight * idf * ((tf * (k1 + 1)) / norm);
      }
    }
    this.counts.length = 0;
    this.termOfId.clear();
  }

  /**
   * Adds this field's BM25 for `tokens` into `acc`, and each document it reaches first into
   * `touched` (from touched.n on); returns the most the tokens could earn.
   */
  score(tokens: Int32Array, acc: Float64Array, touched: Touched): number {
    const { term: termOf, idf, start, docs, share, seen } = this;
    seen.next();
    const list = touched.docs;
    let n = touched.n;
    let ceiling = 0;
    for (const id of tokens) {
      if (!seen.first(id)) continue;
      const term = id >= 0 && id < termOf.length ? termOf[id]! : -1;
      if (term < 0) {
        ceiling += this.unseen;
        continue;
      }
      // Tokens in most paraphrases ("통관부호", "어떻게") tell entries apart by almost nothing
      // and would touch every document: skipped, like stop words.
      if (idf[term]! < RETRIEVAL.minIdf) continue;
      ceiling += this.weightedIdf[term]!;
      for (let i = start[term]!, end = start[term + 1]!; i < end; i++) {
        const doc = docs[i]!;
        if (acc[doc] === 0) list[n++] = doc;
        acc[doc]! += share[i]!;
      }
    }
    touched.n = n;
    return ceiling;
  }
}

/** What retrieval ranks: an id and the texts that stand for it, each scored on its own. */
export interface Document {
  id: string;
  texts: readonly string[];
}

/** A document as a question reached it: its best text's score. */
export interface Hit {
  /** the document's id */
  id: string;
  /** raw BM25 */
  score: number;
  /** score ÷ the most the question's tokens could earn (unknown tokens included): ~0..1 */
  coverage: number;
}

export interface Retriever {
  rank(text: string, limit?: number): Hit[];
  /** Same, from token ids already looked up (questionIds): what the understander calls. */
  rankIds(q: Pick<TokenIds, 'w' | 'g'>, limit?: number): Hit[];
  readonly size: number;
}

/** One text, tokenized: the index of the document (entry) it stands for, its word and gram token ids. */
export interface Doc {
  entry: number;
  w: Int32Array;
  g: Int32Array;
  /** shapeTokens: for the logistic classifier only */
  x: Int32Array;
}

/** An entry as retrieval sees it: its paraphrases, both languages. */
export function entryDocument(e: Entry): Document {
  return { id: e.id, texts: [...e.ko.q, ...e.en.q] };
}

/** Every text of every document, tokenized once. */
export function tokenizeDocuments(documents: readonly Document[]): Doc[] {
  const docs: Doc[] = [];
  documents.forEach((d, entry) => {
    for (const text of d.texts) {
      const n = normalizeQuestion(text);
      docs.push({
        entry,
        w: internTokens(wordTokens(n)),
        g: internTokens(gramTokens(n)),
        x: internTokens(shapeTokens(n)),
      });
    }
  });
  return docs;
}

/** Every paraphrase of every entry (shared by retrieval and the classifier). */
export function tokenizeEntries(entries: readonly Entry[]): Doc[] {
  return tokenizeDocuments(entries.map(entryDocument));
}

/** `docs`: tokenizeDocuments(documents), when already made (the classifier shares it). */
export function createRetriever(documents: readonly Document[], docs = tokenizeDocuments(documents)): Retriever {
  const words = new Field(1);
  const grams = new Field(RETRIEVAL.gramBoost);
  const docEntry = new Int32Array(docs.length);
  docs.forEach((d, doc) => {
    docEntry[doc] = d.entry;
    words.add(doc, d.w);
    grams.add(doc, d.g);
  });
  words.finish(docs.length);
  grams.finish(docs.length);
  const acc = new Float64Array(docs.length);
  const entryBest = new Float64Array(documents.length);

  const touched: Touched = { docs: new Int32Array(docs.length), n: 0 };
  const hitEntries = new Int32Array(documents.length);
  const top: number[] = [];
  const rankIds = (q: Pick<TokenIds, 'w' | 'g'>, limit = 5): Hit[] => {
    touched.n = 0;
    let hits = 0;
    const ceiling = words.score(q.w, acc, touched) + grams.score(q.g, acc, touched);
    for (let k = 0; k < touched.n; k++) {
      const d = touched.docs[k]!;
      const e = docEntry[d]!;
      if (entryBest[e] === 0) hitEntries[hits++] = e;
      if (acc[d]! > entryBest[e]!) entryBest[e] = acc[d]!;
      acc[d] = 0;
    }
    // The best `limit` entries, ties in first-hit order: what a stable sort of every hit
    // entry, cut to `limit`, gives, without sorting them all.
    top.length = 0;
    for (let h = 0; h < hits; h++) {
      const e = hitEntries[h]!;
      const v = entryBest[e]!;
      if (top.length === limit && (limit === 0 || v <= entryBest[top[limit - 1]!]!)) continue;
      let k = top.length < limit ? top.length : limit - 1;
      while (k > 0 && entryBest[top[k - 1]!]! < v) {
        top[k] = top[k - 1]!;
        k--;
      }
      top[k] = e;
    }
    const out: Hit[] = [];
    for (const e of top)
      out.push({ id: documents[e]!.id, score: entryBest[e]!, coverage: ceiling > 0 ? entryBest[e]! / ceiling : 0 });
    for (let h = 0; h < hits; h++) entryBest[hitEntries[h]!] = 0;
    return out;
  };
  return {
    rank: (text, limit) => {
      const n = normalizeQuestion(text);
      return rankIds({ w: tokenIds(wordTokens(n)), g: tokenIds(gramTokens(n)) }, limit);
    },
    rankIds,
    size: docs.length,
  };
}
