/** Property tests: generated answers of the documented shapes read to the matching outcome; garbage never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUnipassClient } from '../../src/unipass';
import { readCargoAnswer, readVerifyAnswer, reasonOf } from '../../src/unipass/answers';
import type { MismatchReason } from '../../src/unipass';
import {
  cargoXml,
  ERR,
  NOTICE_BAD_KEY,
  NOTICE_MISSING_KEY,
  verifyXml,
  type StepXml,
  type SummaryXml,
} from '../fakes/unipass/xml';

/** Text that is legal XML character data once escaped: Korean, ASCII, the characters that need escaping. */
const textChar = fc.constantFrom(
  ...'가나다휴대전화성명우편번호유효기간사용중이아닌존재하지않습니다 abcXYZ019&<>"\'.;#/[]-_()'.split(''),
);
const text = fc.array(textChar, { maxLength: 40 }).map((a) => a.join(''));
const knownErr = fc.constantFrom(...Object.values(ERR));
const errMsg = fc.oneof(knownErr, text);

const VALID_KINDS = new Set([
  'match',
  'mismatch',
  'bad_key',
  'missing_key',
  'unavailable',
  'found',
  'not_found',
  'items',
  'several',
]);

describe('API028 answers', () => {
  it('tCnt 1 / 0 / -1 with 0..n errMsgCn read to the matching outcome', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 0, -1),
        fc.array(errMsg, { maxLength: 6 }),
        fc.oneof(fc.constant(undefined), fc.constantFrom(NOTICE_BAD_KEY, NOTICE_MISSING_KEY), text),
        (tCnt, errors, ntceInfo) => {
          const out = readVerifyAnswer(verifyXml({ tCnt, errors, ntceInfo }));
          if (tCnt === 1) {
            expect(out).toEqual({ kind: 'match' });
          } else if (tCnt === 0) {
            const messages = errors.map((e) => e.trim()).filter((e) => e !== '');
            const reasons: MismatchReason[] = [...new Set(messages.map(reasonOf))];
            expect(out).toEqual({ kind: 'mismatch', messages, reasons: reasons.length ? reasons : ['other'] });
          } else if (ntceInfo === NOTICE_BAD_KEY) {
            expect(out).toEqual({ kind: 'bad_key' });
          } else if (ntceInfo === NOTICE_MISSING_KEY) {
            expect(out).toEqual({ kind: 'missing_key' });
          } else if (!ntceInfo?.includes('인증키')) {
            expect(out).toEqual({ kind: 'unavailable', cause: 'rejected' });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('maps each known errMsgCn text to its reason', () => {
    expect(reasonOf(ERR.noSuchCode)).toBe('no_such_code');
    expect(reasonOf(ERR.phone)).toBe('phone');
    expect(reasonOf(ERR.name)).toBe('name');
    expect(reasonOf(ERR.postalCode)).toBe('postal_code');
    expect(reasonOf(ERR.expired)).toBe('expired');
    expect(reasonOf(ERR.notInUse)).toBe('not_in_use');
    expect(reasonOf('사용정지된 부호입니다.')).toBe('not_in_use');
    expect(reasonOf('납세의무자 전화번호가 일치하지 않습니다.')).toBe('phone');
    expect(reasonOf('우편번호가 존재하지 않습니다.')).toBe('postal_code');
    expect(reasonOf('알 수 없는 오류')).toBe('other');
  });

  it('reads a single errMsgCn element and a list alike', () => {
    const one =
      '<persEcmQryRtnVo><tCnt>0</tCnt><persEcmQryRtnErrInfoVo><errMsgCn>납세의무자 휴대전화번호가 일치하지 않습니다.</errMsgCn></persEcmQryRtnErrInfoVo></persEcmQryRtnVo>';
    expect(readVerifyAnswer(one)).toEqual({ kind: 'mismatch', reasons: ['phone'], messages: [ERR.phone] });
    // The verbatim match answer from the domain notes.
    expect(
      readVerifyAnswer(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><persEcmQryRtnVo><tCnt>1</tCnt></persEcmQryRtnVo>',
      ),
    ).toEqual({ kind: 'match' });
  });
});

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: n, maxLength: n }).map((a) => a.join(''));
const alnum = fc
  .array(fc.constantFrom(...'ABCDEFGHJK0123456789'.split('')), { minLength: 6, maxLength: 19 })
  .map((a) => a.join(''));
const validDttm = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => {
    const k = new Date(d.getTime() + 9 * 3600_000).toISOString(); // KST wall clock
    return { raw: k.slice(0, 19).replace(/[-T:]/g, ''), at: new Date(Math.floor(d.getTime() / 1000) * 1000) };
  });
const stepName = fc.oneof(
  fc.constantFrom(
    '입항적하목록 제출',
    '입항적하목록 심사완료',
    '입항보고 수리',
    '하기신고 수리',
    '하선신고 수리',
    '통관목록접수',
    '통관목록심사완료',
    '반입신고',
    '반출신고',
    '수입신고수리',
  ),
  text.filter((t) => t.trim() !== ''),
);
const step = fc.record({
  name: stepName,
  when: fc.oneof(
    validDttm,
    digits(14).map((raw) => ({ raw, at: undefined })),
  ),
  shedNm: fc.option(text, { nil: undefined }),
});
const summary: fc.Arbitrary<SummaryXml> = fc.record(
  {
    cargMtNo: alnum,
    hblNo: alnum,
    csclPrgsStts: fc.constantFrom('반입완료', '반출완료', '수입신고수리', '통관목록접수'),
    prnm: text,
  },
  { requiredKeys: ['cargMtNo'] },
);

describe('API001 answers', () => {
  it('one summary with 0..n steps reads to one item with the steps in order', () => {
    fc.assert(
      fc.property(summary, fc.array(step, { maxLength: 12 }), (s, steps) => {
        const xmlSteps: StepXml[] = steps.map((st) => ({
          cargTrcnRelaBsopTpcd: st.name,
          prcsDttm: st.when.raw,
          shedNm: st.shedNm,
        }));
        const out = readCargoAnswer(cargoXml({ tCnt: 1, summaries: [s], steps: xmlSteps }));
        expect(out.kind).toBe('items');
        if (out.kind !== 'items') return;
        const item = out.items[0]!;
        expect(item.cargMtNo).toBe(s.cargMtNo);
        expect(item.steps.map((x) => x.name)).toEqual(steps.map((st) => st.name.trim()));
        steps.forEach((st, i) => {
          if (st.when.at) expect(item.steps[i]!.at).toEqual(st.when.at);
          else expect(['string', 'object']).toContain(typeof item.steps[i]!.at);
        });
        const releasedByStep = steps.some((st) => /반출신고|수입신고\s*수리/.test(st.name));
        const releasedByStatus = /반출완료|수입신고수리/.test(s.csclPrgsStts ?? '');
        expect(item.released).toBe(releasedByStep || releasedByStatus);
      }),
      { numRuns: 300 },
    );
  });

  it('several summaries or an [N00] notice read as several; tCnt 0 as not found; -1 by notice', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(-1, 0, 1, 2, 3),
        fc.array(summary, { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom(NOTICE_BAD_KEY, NOTICE_MISSING_KEY, '기타 오류'),
        (tCnt, summaries, n00, notice) => {
          const ntceInfo = tCnt === -1 ? notice : n00 ? '[N00] 조회 결과가 다건입니다.' : '';
          const out = readCargoAnswer(cargoXml({ tCnt, ntceInfo, summaries }));
          if (tCnt === -1) {
            const want =
              notice === NOTICE_BAD_KEY ? 'bad_key' : notice === NOTICE_MISSING_KEY ? 'missing_key' : 'unavailable';
            expect(out.kind).toBe(want);
          } else if (tCnt === 0) {
            expect(out).toEqual({ kind: 'not_found' });
          } else if (summaries.length === 0) {
            expect(out).toEqual({ kind: 'unavailable', cause: 'malformed' });
          } else if (summaries.length > 1 || n00) {
            expect(out.kind).toBe('several');
            if (out.kind === 'several')
              expect(out.summaries.map((x) => x.cargMtNo)).toEqual(summaries.map((x) => x.cargMtNo));
          } else expect(out.kind).toBe('items');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('garbage', () => {
  const garbage = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    // Real answers cut or spliced at random places.
    fc
      .tuple(
        fc.constantFrom(
          verifyXml({ tCnt: 0, errors: [ERR.phone] }),
          cargoXml({ tCnt: 1, summaries: [{ cargMtNo: 'A1B2C3D4' }] }),
        ),
        fc.nat(),
        fc.string({ maxLength: 20 }),
      )
      .map(([doc, at, insert]) => doc.slice(0, at % doc.length) + insert + doc.slice(at % doc.length)),
    fc.constantFrom(
      '<!DOCTYPE x>',
      '<a><!ENTITY e "x"></a>',
      '<![CDATA[<tCnt>1</tCnt>]]>',
      '<?xml?>',
      '<persEcmQryRtnVo/>',
      '<persEcmQryRtnVo><__proto__>1</__proto__><tCnt>1</tCnt></persEcmQryRtnVo>',
    ),
  );

  it('never throws and always returns a known outcome', () => {
    fc.assert(
      fc.property(garbage, (g) => {
        const v = readVerifyAnswer(g);
        const c = readCargoAnswer(g);
        expect(VALID_KINDS.has(v.kind)).toBe(true);
        expect(VALID_KINDS.has(c.kind)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never makes the client throw, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(garbage, async (g) => {
        const client = createUnipassClient({
          verifyKey: 'k',
          cargoKey: 'k',
          fetch: (async () => new Response(g)) as typeof fetch,
        });
        const v = await client.verify({ code: 'P100000000001', name: '홍길동', phone: '01012345678' });
        const c = await client.cargo({ hblNo: 'ABCD1234', year: 2025 });
        expect(VALID_KINDS.has(v.kind) && VALID_KINDS.has(c.kind)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
