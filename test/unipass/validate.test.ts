import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultBlYear,
  isRelayNumber,
  parseBl,
  parseCustomsCode,
  parseName,
  parsePhone,
  parsePostalCode,
} from '../../src/unipass';

describe('parsePhone', () => {
  it.each([
    ['010-1234-5678', '01012345678'],
    ['010 1234 5678', '01012345678'],
    ['01012345678', '01012345678'],
    ['０１０-１２３４-５６７８', '01012345678'],
    ['+82 10-1234-5678', '01012345678'],
    ['011-234-5678', '0112345678'],
  ])('accepts %s as %s', (input, digits) => {
    expect(parsePhone(input)).toEqual({ ok: true, value: digits });
  });

  it('flags a 050 relay number with its own warning', () => {
    const r = parsePhone('0504-1234-5678');
    expect(r.ok).toBe(false);
    expect(r.relay).toBe(true);
    if (!r.ok) {
      expect(r.error.ko).toContain('안심번호');
      expect(r.error.en).toContain('relay');
    }
    expect(isRelayNumber('0504-1234-5678')).toBe(true);
    expect(isRelayNumber('05071234567')).toBe(true);
    expect(isRelayNumber('010-1234-5678')).toBe(false);
  });

  it.each(['', '   ', '02-123-4567', '010-1234-567', '010-1234-56789', 'abc', '1588-1234'])(
    'refuses %j kindly',
    (input) => {
      const r = parsePhone(input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.ko).toMatch(/[가-힣]/);
        expect(r.error.en).toMatch(/[a-z]/);
        expect(r.relay).toBeUndefined();
      }
    },
  );
});

describe('parsePostalCode', () => {
  it('accepts 5 digits, also full-width and spaced', () => {
    expect(parsePostalCode('04524')).toEqual({ ok: true, value: '04524' });
    expect(parsePostalCode(' ０４５２４ ')).toEqual({ ok: true, value: '04524' });
  });
  it('explains the old 6-digit format', () => {
    const r = parsePostalCode('123-456');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.en).toMatch(/old 6-digit/);
  });
  it.each(['', '1234', '123456789', 'ABCDE'])('refuses %j', (s) => expect(parsePostalCode(s).ok).toBe(false));
});

describe('parseName', () => {
  it('trims and collapses spaces', () => {
    expect(parseName('  홍길동 ')).toEqual({ ok: true, value: '홍길동' });
    expect(parseName(' JOHN   SMITH ')).toEqual({ ok: true, value: 'JOHN SMITH' });
  });
  it('refuses empty, too long, and control characters', () => {
    expect(parseName('   ').ok).toBe(false);
    expect(parseName('가'.repeat(51)).ok).toBe(false);
    expect(parseName('가'.repeat(50)).ok).toBe(true);
    expect(parseName('홍\u0000길동').ok).toBe(false);
    expect(parseName('1234').ok).toBe(false);
  });
});

describe('parseCustomsCode', () => {
  it('normalises spaces, hyphens, lower case and full-width', () => {
    expect(parseCustomsCode('p 1234-5678-9012')).toEqual({ ok: true, value: 'P123456789012' });
    expect(parseCustomsCode('Ｐ１２３４５６７８９０１２')).toEqual({ ok: true, value: 'P123456789012' });
  });
  it.each(['', 'P12345678901', 'P1234567890123', 'X123456789012'])('refuses %j', (s) =>
    expect(parseCustomsCode(s).ok).toBe(false),
  );
});

describe('parseBl', () => {
  // Found by the attacker's pass: separators the B/L parser drops hid a code from the code check.
  it.each([
    'P----260987654321',
    'P    260987654321',
    'P\u3000\u3000260987654321',
    'P((((260987654321',
    'p..2609-8765-4321',
  ])('refuses a code hidden behind runs of separators (%j)', (s) => {
    expect(parseBl(s).ok).toBe(false);
    expect(parseName(s).ok).toBe(false);
  });
  it('recognises a cargo management number', () => {
    expect(parseBl('25HJSC0123I00010001')).toEqual({
      ok: true,
      value: { kind: 'cargMtNo', cargMtNo: '25HJSC0123I00010001' },
    });
    expect(parseBl('25ke01 0456 i00020002')).toEqual({
      ok: true,
      value: { kind: 'cargMtNo', cargMtNo: '25KE010456I00020002' },
    });
  });
  it('keeps all-digit courier numbers on the B/L side, as house B/Ls', () => {
    expect(parseBl('601234567890')).toEqual({
      ok: true,
      value: { kind: 'bl', blNo: '601234567890', likely: 'house', tryAs: ['hbl', 'mbl'] },
    });
    expect(parseBl('1234567890123456789')).toMatchObject({ ok: true, value: { kind: 'bl', likely: 'house' } });
  });
  it('guesses a master air waybill by its mod-7 check digit, and an ocean B/L by its SCAC prefix', () => {
    expect(parseBl('180-12345675')).toMatchObject({
      ok: true,
      value: { kind: 'bl', blNo: '18012345675', likely: 'master', tryAs: ['mbl', 'hbl'] },
    });
    expect(parseBl('180-12345676')).toMatchObject({ ok: true, value: { likely: 'house' } });
    expect(parseBl('MAEU123456789')).toMatchObject({ ok: true, value: { likely: 'master' } });
  });
  it.each(['', 'AB1', 'A'.repeat(36), '60123#4567', '한글번호1234'])('refuses %j', (s) => {
    const r = parseBl(s);
    expect(r.ok).toBe(false);
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseBl(s)));
    fc.assert(fc.property(fc.string(), (s) => void parsePhone(s)));
    fc.assert(fc.property(fc.string(), (s) => void parseName(s)));
  });
});

describe('defaultBlYear', () => {
  it('is the current year in Korea', () => {
    expect(defaultBlYear(new Date('2025-06-01T00:00:00Z'))).toBe(2025);
    // 31 Dec 20:00 UTC is already 1 January in Seoul.
    expect(defaultBlYear(new Date('2025-12-31T20:00:00Z'))).toBe(2026);
    expect(defaultBlYear(new Date('2026-01-01T10:00:00+09:00'))).toBe(2026);
  });
});
