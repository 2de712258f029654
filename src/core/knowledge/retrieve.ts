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
  type Normalized,
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
  /** the terms the last score() added, in order (scored[0 … nScored − 1]) */
  scored = new Int32Array(64);
  nScored = 0;

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
   * Adds this field's BM25 for `tokens` into `acc`; returns the most the tokens could earn.
   * With `touched`, also lists each document it reaches first (from touched.n on): the
   * order ties are broken in, asked for only when there is a tie (most postings reach a
   * document already reached or not at random, and listing them was a third of the cost).
   */
  score(tokens: Int32Array, acc: Float64Array, touched?: Touched): number {
    const { term: termOf, idf, start, docs, share, seen } = this;
    seen.next();
    this.nScored = 0;
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
      if (this.nScored === this.scored.length) {
        const more = new Int32Array(this.nScored * 2);
        more.set(this.scored);
        this.scored = more;
      }
      this.scored[this.nScored++] = term;
      const end = start[term + 1]!;
      if (touched) {
        const list = touched.docs;
        let n = touched.n;
        for (let i = start[term]!; i < end; i++) {
          const doc = docs[i]!;
          if (acc[doc] === 0) list[n++] = doc;
          acc[doc]! += share[i]!;
        }
        touched.n = n;
      } else {
        // Four postings a round (a term's documents are distinct, so the four are independent):
        // the loop's own cost per round was most of the cost per posting.
        let i = start[term]!;
        for (; i + 4 <= end; i += 4) {
          const d0 = docs[i]!;
          const d1 = docs[i + 1]!;
          const d2 = docs[i + 2]!;
          const d3 = docs[i + 3]!;
          acc[d0]! += share[i]!;
          acc[d1]! += share[i + 1]!;
          acc[d2]! += share[i + 2]!;
          acc[d3]! += share[i + 3]!;
        }
        for (; i < end; i++) acc[docs[i]!]! += share[i]!;
      }
    }
    return ceiling;
  }

  /** Whether `term` has a posting in documents from … to − 1 (postings are in document order). */
  reaches(term: number, from: number, to: number): boolean {
    let lo = this.start[term]!;
    let hi = this.start[term + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.docs[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.start[term + 1]! && this.docs[lo]! < to;
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
  /** its position in the documents the retriever was built from */
  index: number;
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

/**
 * Every text of every document, tokenized once. `variant`: each text's normal form is
 * rewritten first; a text it returns undefined for is left out.
 */
export function tokenizeDocuments(
  documents: readonly Document[],
  variant?: (n: Normalized) => Normalized | undefined,
): Doc[] {
  const docs: Doc[] = [];
  documents.forEach((d, entry) => {
    for (const text of d.texts) {
      const n = variant ? variant(normalizeQuestion(text)) : normalizeQuestion(text);
      if (!n) continue;
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

/**
 * `docs`: tokenizeDocuments(documents), when already made (the classifier shares it).
 * `opts.listed`: always rank the reference way (listing every document reached), for tests.
 */
export function createRetriever(
  documents: readonly Document[],
  docs = tokenizeDocuments(documents),
  opts: { listed?: boolean } = {},
): Retriever {
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
  // An entry's texts are consecutive documents (tokenizeDocuments): its best is the max of
  // acc over its range, read in order. Entry e: documents firstDoc[e] … firstDoc[e + 1] − 1.
  const firstDoc = new Int32Array(documents.length + 1);
  let consecutive = true;
  for (let d = 0, e = 0; d <= docs.length; d++) {
    const de = d < docs.length ? docEntry[d]! : documents.length;
    if (de < e) consecutive = false;
    while (e < de && e < documents.length) firstDoc[++e] = d;
  }
  firstDoc[documents.length] = docs.length;

  const touched: Touched = { docs: new Int32Array(docs.length), n: 0 };
  const hitEntries = new Int32Array(documents.length);
  const top: number[] = [];
  /**
   * The best `limit` entries, ties in first-hit order: what a stable sort of every hit entry,
   * cut to `limit`, gives.
   */
  const exact = (q: Pick<TokenIds, 'w' | 'g'>, limit: number): number => {
    acc.fill(0);
    entryBest.fill(0);
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
    // Without sorting them all.
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
    return ceiling;
  };
  /**
   * Which scored term (its place: the word field's first, then the grams') reached entry e
   * first. Hit entries in first-hit order are in order of this, then of index: the terms
   * add their postings in turn, each in document order, and an entry's documents are
   * consecutive.
   */
  const firstHit = (e: number): number => {
    const from = firstDoc[e]!;
    const to = firstDoc[e + 1]!;
    for (let k = 0; k < words.nScored; k++) if (words.reaches(words.scored[k]!, from, to)) return k;
    for (let k = 0; k < grams.nScored; k++) if (grams.reaches(grams.scored[k]!, from, to)) return words.nScored + k;
    return words.nScored + grams.nScored;
  };
  const tied: number[] = [];
  const tieKey = new Float64Array(documents.length);
  const entryIndex = Float64Array.from(documents, (_, e) => e);
  /** e before f in the result: the better score, on a tie the earlier first hit (tieKey). */
  const before = (e: number, f: number) =>
    entryBest[e]! > entryBest[f]! || (entryBest[e] === entryBest[f] && tieKey[e]! < tieKey[f]!);
  /**
   * The same as `exact`, without listing the documents reached: each entry's best is read
   * over its range of documents, and on a tie among the best `limit` (or at the cut) the
   * tied entries' first hits are found by the terms' postings.
   */
  const fast = (q: Pick<TokenIds, 'w' | 'g'>, limit: number): number => {
    tieKey.set(entryIndex);
    const ceiling = words.score(q.w, acc) + grams.score(q.g, acc);
    for (let e = 0; e < entryBest.length; e++) {
      // The best reached text, 0 when none was (compares, not Math.max: V8's handles NaN and −0
      // with branches the CPU mispredicts). Four documents a round, as in Field.score.
      let m = 0;
      let d = firstDoc[e]!;
      const end = firstDoc[e + 1]!;
      for (; d + 4 <= end; d += 4) {
        const v0 = acc[d]!;
        const v1 = acc[d + 1]!;
        const v2 = acc[d + 2]!;
        const v3 = acc[d + 3]!;
        if (v0 > m) m = v0;
        if (v1 > m) m = v1;
        if (v2 > m) m = v2;
        if (v3 > m) m = v3;
      }
      for (; d < end; d++) if (acc[d]! > m) m = acc[d]!;
      entryBest[e] = m;
    }
    acc.fill(0);
    top.length = 0;
    if (limit === 0) return ceiling;
    // Ties in entry order first (the common case: no tie that matters).
    for (let e = 0; e < entryBest.length; e++) {
      const v = entryBest[e]!;
      if (v === 0 || (top.length === limit && v <= entryBest[top[limit - 1]!]!)) continue;
      let k = top.length < limit ? top.length : limit - 1;
      while (k > 0 && entryBest[top[k - 1]!]! < v) {
        top[k] = top[k - 1]!;
        k--;
      }
      top[k] = e;
    }
    // Entries that can place (the best `limit` scores, counted with repeats) sharing a score.
    const last = entryBest[top[top.length - 1]!]!;
    let ties = false;
    for (let k = 1; k < top.length; k++) if (entryBest[top[k]!] === entryBest[top[k - 1]!]) ties = true;
    if (!ties) {
      let same = 0;
      for (let e = 0; e < entryBest.length; e++) if (entryBest[e] === last) same++;
      if (same < 2) return ceiling;
    }
    tied.length = 0;
    for (let e = 0; e < entryBest.length; e++) if (entryBest[e]! >= last) tied.push(e);
    tied.sort((a, b) => entryBest[a]! - entryBest[b]! || a - b);
    for (let k = 0; k < tied.length; k++) {
      const v = entryBest[tied[k]!];
      if ((k > 0 && v === entryBest[tied[k - 1]!]) || (k + 1 < tied.length && v === entryBest[tied[k + 1]!]))
        tieKey[tied[k]!] = firstHit(tied[k]!) * entryBest.length + tied[k]!;
    }
    top.length = 0;
    for (let e = 0; e < entryBest.length; e++) {
      if (entryBest[e] === 0 || (top.length === limit && !before(e, top[limit - 1]!))) continue;
      let k = top.length < limit ? top.length : limit - 1;
      while (k > 0 && before(e, top[k - 1]!)) {
        top[k] = top[k - 1]!;
        k--;
      }
      top[k] = e;
    }
    return ceiling;
  };
  const rankIds = (q: Pick<TokenIds, 'w' | 'g'>, limit = 5): Hit[] => {
    const ceiling = consecutive && !opts.listed ? fast(q, limit) : exact(q, limit);
    const out: Hit[] = [];
    for (const e of top)
      out.push({
        id: documents[e]!.id,
        index: e,
        score: entryBest[e]!,
        coverage: ceiling > 0 ? entryBest[e]! / ceiling : 0,
      });
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
