// 건기식 folds into 건강기능식품 (commit 711ce0b), a specific weak cue: questions about
// supplements that have nothing to do with importing them (where to buy red ginseng, an
// advertisement review, side effects) were answered with confidence (dutyfree.excluded-items
// 0.88–0.94). Three off-topic examples keep them off; importing supplements is still answered.
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/core/knowledge/index';
import { UNDERSTANDING } from '../../src/core/knowledge/understand';

describe('supplements asked about for something other than importing them', () => {
  for (const q of ['건기식 광고 심의', '홍삼 건기식 어디서 사요', '영양제 부작용']) {
    it(`${q}: no entry answered with confidence`, () => {
      const a = answer(q);
      if (a.topic !== 'unknown') expect(a.confidence).toBeLessThan(UNDERSTANDING.threshold);
    });
  }
  for (const q of ['건기식 몇 개까지 살 수 있어요?', '건기식 해외직구 몇 병까지']) {
    it(`${q}: still answered from the supplements entry`, () => {
      const a = answer(q);
      expect(a.confidence).toBeGreaterThanOrEqual(UNDERSTANDING.threshold);
      expect(a.faq).toBe('dutyfree.supplements-quantity');
    });
  }
});
