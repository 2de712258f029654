// 반입신고, 반출신고, 하선신고 and 수입신고 became strong cues (commit 711ce0b), for the stages a
// parcel's clearance tracking shows. A trader's or shipper's questions about the same
// declarations (release before acceptance, a bonded warehouse, a ship's unloading) were then
// answered with confidence (usage.progress-steps 0.90–0.998, theft.report-needs 0.58 for who
// files the unloading declaration). Five off-topic examples keep them off; a parcel's stage
// is still answered.
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/core/knowledge/index';
import { UNDERSTANDING } from '../../src/core/knowledge/understand';

describe('the declarations of traders and shippers', () => {
  for (const q of [
    '수입신고 수리 전 반출 승인 조건',
    '보세창고 반입신고 절차',
    '전시회 물품 반입신고',
    '선박 하선신고 누가 해요',
  ]) {
    it(`${q}: no entry answered with confidence`, () => {
      const a = answer(q);
      if (a.topic !== 'unknown') expect(a.confidence).toBeLessThan(UNDERSTANDING.threshold);
    });
  }
  for (const q of ['택배 조회하니까 반입신고라고 떠요', '수입신고 수리 됐는데 배송은 언제', '반출신고 뭐예요']) {
    it(`${q}: a parcel's stage, still answered`, () => {
      const a = answer(q);
      expect(a.confidence).toBeGreaterThanOrEqual(UNDERSTANDING.threshold);
      expect(a.faq).toBe('usage.progress-steps');
    });
  }
});
