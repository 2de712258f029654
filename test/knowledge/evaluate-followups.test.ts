import { describe, expect, it } from 'vitest';
import { evaluateFollowUps, type Kept, parseFollowUps } from '../../src/core/knowledge/evaluate';

const pairs = parseFollowUps(
  [
    '{"first": "재발급 몇 번까지 돼요?", "followup": "도용 때문이면요?", "expected": "reissue", "answer": "5\\\\s*회"}',
    '{"first": "면세 한도 얼마예요?", "followup": "미국은요?", "expected": "dutyfree", "answer": null}',
  ].join('\n'),
);

describe('follow-up scoring', () => {
  it('reads the follow-up with what the bot keeps of the first answer, and alone', () => {
    const seen: (Kept | undefined)[] = [];
    const r = evaluateFollowUps(pairs, (text, kept) => {
      seen.push(kept);
      // A responder that knows a follow-up only through what was kept.
      if (text.startsWith('재발급'))
        return { topic: 'reissue', faq: 'reissue.limit', confidence: 1, text: '5회', lang: 'ko' };
      if (text.startsWith('면세')) return { topic: 'unknown', faq: null, confidence: 0, text: '?', lang: 'ko' };
      return kept
        ? { topic: kept.topic, faq: null, confidence: 1, text: '연 5회', lang: 'ko' }
        : { topic: 'unknown', faq: null, confidence: 0, text: '?', lang: 'ko' };
    });
    expect(seen).toContainEqual({ topic: 'reissue', faq: 'reissue.limit', lang: 'ko' });
    // The second first answer had no topic: nothing is kept, as in the bot.
    expect(r).toMatchObject({
      total: 2,
      withPattern: 1,
      withContext: { topic: 1, direct: 1 },
      withoutContext: { topic: 0, direct: 0 },
    });
    expect(r.misses.map((m) => m.pair.followup)).toEqual(['미국은요?']);
  });

  it('rejects a line without its follow-up, naming the line', () => {
    expect(() => parseFollowUps('{"first": "a", "expected": "issue"}')).toThrow(/follow-ups line 1: followup/);
  });
});
