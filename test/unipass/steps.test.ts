import { describe, expect, it } from 'vitest';
import { explainStep, mismatchAdvice, noKeyHelp, relayNumberWarning, type MismatchReason } from '../../src/unipass';

const KNOWN = [
  '입항적하목록 제출',
  '입항적하목록 심사완료',
  '입항보고 제출',
  '입항보고 수리',
  '하기신고 수리',
  '하선신고 수리',
  '통관목록접수',
  '통관목록심사완료',
  '반입신고',
  '반출신고',
  '수입신고수리',
];

describe('explainStep', () => {
  it.each(KNOWN)('explains %s in Korean and English, each its own sentence', (name) => {
    const ko = explainStep(name, 'ko');
    const en = explainStep(name, 'en');
    expect(ko).toMatch(/[가-힣]/);
    expect(en).toMatch(/^[A-Z]/);
    // A known step gets its own text, not the fallback.
    expect(ko).not.toBe(explainStep('알수없는단계', 'ko'));
    expect(en).not.toBe(explainStep('알수없는단계', 'en'));
  });

  it('ignores spacing differences in step names', () => {
    expect(explainStep('하기신고수리', 'en')).toBe(explainStep('하기신고 수리', 'en'));
    expect(explainStep(' 반출 신고 ', 'ko')).toBe(explainStep('반출신고', 'ko'));
  });

  it('says the parcel has left customs at 반출신고 and what comes next', () => {
    expect(explainStep('반출신고', 'en')).toMatch(/left the bonded warehouse/);
    expect(explainStep('통관목록심사완료', 'en')).toMatch(/Next/);
  });

  it('falls back kindly for unknown or empty names', () => {
    expect(explainStep('보수작업', 'en')).toContain('“보수작업”');
    expect(explainStep('', 'ko')).toContain('이 단계');
    expect(explainStep(undefined as never, 'en')).toContain('This step');
  });
});

describe('mismatchAdvice', () => {
  const reasons: MismatchReason[] = ['no_such_code', 'name', 'phone', 'postal_code', 'expired', 'not_in_use', 'other'];
  it.each(reasons)('%s has advice in both languages', (r) => {
    expect(mismatchAdvice(r, 'ko')).toMatch(/[가-힣]/);
    expect(mismatchAdvice(r, 'en')).toMatch(/UNI-PASS/);
  });
  it('phone advice names where to fix it, the waybill correction, and 050 numbers', () => {
    const en = mismatchAdvice('phone', 'en');
    expect(en).toContain('개인통관고유부호 → 조회 → 수정');
    expect(en).toMatch(/correct the waybill/);
    expect(en).toContain('050');
    expect(mismatchAdvice('phone', 'ko')).toContain('정정');
  });
  it('relay warning only for 050 numbers', () => {
    expect(relayNumberWarning('0505-123-4567', 'ko')).toContain('안심번호');
    expect(relayNumberWarning('010-1234-5678', 'en')).toBeUndefined();
  });
});

describe('noKeyHelp', () => {
  it('points to OpenAPI 사용관리 and names the settings', () => {
    for (const lang of ['ko', 'en'] as const) {
      const t = noKeyHelp(lang);
      expect(t).toContain('My메뉴 → 서비스관리 → OpenAPI 사용관리');
      expect(t).toContain('UNIPASS_VERIFY_KEY');
      expect(t).toContain('UNIPASS_CARGO_KEY');
    }
  });
});
