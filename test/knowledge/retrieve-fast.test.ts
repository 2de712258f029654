import { describe, expect, it } from 'vitest';
import { ENTRIES } from '../../src/core/knowledge';
import { createRetriever, entryDocument, tokenizeEntries } from '../../src/core/knowledge/retrieve';
import { normalizeQuestion, questionIds } from '../../src/core/knowledge/tokenize';

// Ranking without listing the documents reached (ties resolved by the terms' postings) must
// give what the reference way gives, ties and their order included.
const entries = [...ENTRIES];
const docs = tokenizeEntries(entries);
const documents = entries.map(entryDocument);
const fast = createRetriever(documents, docs);
const listed = createRetriever(documents, docs, { listed: true });

describe('retrieval ranks alike with and without the list of documents reached', () => {
  it('on paraphrases cut short, with words added, at every depth', () => {
    const differ: string[] = [];
    let ties = 0;
    entries.forEach((e, i) => {
      const qs = [...e.ko.q, ...e.en.q].filter((_, k) => k % 3 === i % 3);
      for (const q of qs)
        for (const text of [q, q.slice(0, 4), `${q.slice(0, q.length >> 1)} 좀 알려줘 please`]) {
          const ids = questionIds(normalizeQuestion(text));
          for (const limit of [0, 1, 5, 20, 500]) {
            const a = fast.rankIds(ids, limit);
            const b = listed.rankIds(ids, limit);
            if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${limit} ${text}`);
            if (limit === 20) for (let k = 1; k < b.length; k++) if (b[k]!.score === b[k - 1]!.score) ties++;
          }
        }
    });
    expect(differ).toEqual([]);
    // The check means something only with ties in the results.
    expect(ties).toBeGreaterThan(50);
  });

  it('on text it knows nothing of', () => {
    for (const text of ['', 'zzzz', '뷁햏', '12345'])
      expect(fast.rankIds(questionIds(normalizeQuestion(text)), 20)).toEqual(
        listed.rankIds(questionIds(normalizeQuestion(text)), 20),
      );
  });
});
