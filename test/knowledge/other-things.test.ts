// Questions about other things people renew, cancel or get suspended (a membership, a coupon,
// a subscription, a Netflix account): the learned gate reads them as in the domain (P(off)
// 0.04–0.29), so without a word naming the other thing they were answered with confidence
// (validity.how-renew 0.999 for "멤버십 갱신 방법"). Named, they stay a "did you mean".
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/core/knowledge/index';
import { UNDERSTANDING } from '../../src/core/knowledge/understand';

describe('other things renewed, cancelled or suspended', () => {
  for (const q of [
    '멤버십 갱신 방법',
    '유효기간 지난 쿠폰 쓸 수 있어요?',
    '구독 해지 어떻게 해요',
    '넷플릭스 계정 정지 풀려면?',
    'how do I renew my gym membership',
    'netflix account suspended what do I do',
  ]) {
    it(`${q}: no entry answered with confidence`, () => {
      const a = answer(q);
      // an off-topic reply's confidence is how sure it is of being off-topic
      if (a.topic !== 'unknown') expect(a.confidence).toBeLessThan(UNDERSTANDING.threshold);
    });
  }
  it('a question naming the code is still answered', () => {
    const a = answer('통관부호 갱신 방법');
    expect(a.confidence).toBeGreaterThanOrEqual(UNDERSTANDING.threshold);
    expect(a.faq).toMatch(/^validity\./);
  });
});
