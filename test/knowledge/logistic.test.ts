import { describe, expect, it } from 'vitest';
import { ENTRIES } from '../../src/core/knowledge';
import { createLogistic, type TopicPrior } from '../../src/core/knowledge/logistic';
import { gramTokens, normalizeQuestion, shapeTokens, wordTokens } from '../../src/core/knowledge/tokenize';

const entries = [...ENTRIES];
const model = createLogistic(entries);
const rank = (m: typeof model, text: string, prior?: TopicPrior) => {
  const n = normalizeQuestion(text);
  return m.rankTokens(wordTokens(n), gramTokens(n), shapeTokens(n), 5, prior);
};

describe('logistic classifier (two levels: topic, then entry within the topic)', () => {
  it('learns its paraphrases: almost every one ranks its own entry first', () => {
    let right = 0;
    let total = 0;
    for (const e of entries)
      for (const q of [...e.ko.q, ...e.en.q]) {
        total++;
        if (rank(model, q)[0]?.entry.id === e.id) right++;
      }
    expect(right / total).toBeGreaterThan(0.9);
  });

  it('is deterministic: trained twice, it ranks alike to the last digit', () => {
    const again = createLogistic(entries);
    for (const q of ['통관번호 까먹었어요', 'how do I renew my customs code', '그거 몇 번까지 돼요?'])
      expect(rank(again, q)).toEqual(rank(model, q));
  });

  it('gives posteriors: scores are probabilities, best first', () => {
    const r = rank(model, '개인통관고유부호 재발급 방법');
    expect(r.length).toBeGreaterThan(1);
    for (const x of r) expect(x.score).toBeGreaterThan(0);
    expect(r.reduce((s, x) => s + x.score, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect([...r].sort((a, b) => b.score - a.score)).toEqual(r);
    const p = model.topicPosterior(...tokens('개인통관고유부호 재발급 방법'));
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    expect(model.topics[p.indexOf(Math.max(...p))]).toBe('reissue');
  });

  it("a follow-up's topic prior decides a vague question, not a clear one", () => {
    const vague = '그거 몇 번까지 돼요?';
    expect(rank(model, vague, { topic: 'reissue', factor: 10 })[0]?.entry.topic).toBe('reissue');
    expect(rank(model, '외국인도 통관번호 받을 수 있어요?', { topic: 'reissue', factor: 10 })[0]?.entry.topic).toBe(
      'foreigner',
    );
  });

  it('knows nothing of text without a single known token', () => {
    expect(rank(model, 'zzzz qqqq')).toEqual([]);
  });
});

function tokens(text: string): [string[], string[], string[]] {
  const n = normalizeQuestion(text);
  return [wordTokens(n), gramTokens(n), shapeTokens(n)];
}
