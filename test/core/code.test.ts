import { describe, expect, it } from 'vitest';
import {
  MAX_INPUT_LENGTH,
  codeErrorMessage,
  findCodes,
  isCustomsCode,
  maskCode,
  normaliseCodeInput,
  parseCode,
  redactCodes,
  type CodeErrorKind,
} from '../../src/core/code';

const CODE = 'P123456789012';

describe('parseCode accepts the ways people write a code', () => {
  it.each([
    ['plain', 'P123456789012'],
    ['lower-case p', 'p123456789012'],
    ['spaces', 'P 1234 5678 9012'],
    ['hyphens', 'P-1234-5678-9012'],
    ['en and em dashes', 'P–1234—5678‐9012'],
    ['minus sign and katakana long-vowel mark', 'P−1234ー5678ー9012'],
    ['dots', 'P.1234.5678.9012'],
    ['full-width characters', 'Ｐ１２３４５６７８９０１２'],
    ['full-width space and hyphen', 'Ｐ　１２３４－５６７８－９０１２'],
    ['leading and trailing whitespace', '  \tP123456789012\n'],
    ['zero-width characters', 'P\u200B1234\u200C5678\u200D9012\uFEFF'],
    ['soft hyphen', 'P1234\u00AD5678\u00AD9012'],
    ['double quotes', '"P123456789012"'],
    ['curly quotes', '“P123456789012”'],
    ['brackets', '[P123456789012]'],
    ['corner brackets', '「P123456789012」'],
    ['Slack code markup', '`P123456789012`'],
    ['Slack bold', '*P123456789012*'],
    ['Discord spoiler', '||P123456789012||'],
    ['Korean label with colon', '통관부호: P1234 5678 9012'],
    ['full Korean label', '개인통관고유부호 P123456789012'],
    ['other Korean synonym', '개인통관번호는 p123456789012'],
    ['English label, lower p, hyphens', 'PCCC: p 1234-5678-9012'],
    ['English sentence', 'my code is P123456789012'],
    ['customs ID label', 'Customs ID: P123456789012'],
    ['Korean sentence', '내 통관번호는 P123456789012 입니다'],
    ['Korean sentence with full-width code', '제 개인통관고유부호는 「Ｐ１２３４－５６７８－９０１２」입니다.'],
    ['Korean IME left on (ㅔ is the p key)', 'ㅔ123456789012'],
    ['Korean IME with spaces', 'ㅔ 1234 5678 9012'],
    ['P spelt in Hangul', '피123456789012'],
    ['P spelt in Hangul, in a sentence', '제 번호 피 1234-5678-9012 예요'],
  ])('%s: %j', (_name, input) => {
    expect(parseCode(input)).toEqual({ ok: true, code: CODE });
  });
});

describe('parseCode names each kind of mistake', () => {
  it.each<[string, string, CodeErrorKind]>([
    ['nothing', '', 'empty'],
    ['only spaces', '   \u3000 ', 'empty'],
    ['only a label', '통관부호: ', 'empty'],
    ['only the English label', 'PCCC', 'empty'],
    ['one digit short', 'P12345678901', 'too_short'],
    ['just P', 'P', 'too_short'],
    ['short without P', '12345', 'too_short'],
    ['one digit too many', 'P1234567890123', 'too_long'],
    ['too many digits without P', '12345678901234', 'too_long'],
    ['over the input cap', `P${'1'.repeat(MAX_INPUT_LENGTH + 5)}`, 'too_long'],
    ['twelve digits, no P', '123456789012', 'missing_p'],
    ['twelve digits with hyphens, no P', '1234-5678-9012', 'missing_p'],
    ['another first letter', 'B123456789012', 'wrong_prefix'],
    ['a business-style code', 'ABCD12345678', 'wrong_prefix'],
    ['letter O for zero', 'P12345O789012', 'letters_inside'],
    ['letter l for one', 'Pl23456789012', 'letters_inside'],
    ['letter inside, P missing too', '123456789O12', 'letters_inside'],
    ['resident number with hyphen', '900101-1234567', 'resident_number'],
    ['resident number without hyphen', '9001011234567', 'resident_number'],
    ['resident number with spaces', '900101 - 2234567', 'resident_number'],
    ['foreigner registration number', '850315-5123456', 'resident_number'],
    ['resident number in a sentence', '주민번호는 900101-1234567 이에요', 'resident_number'],
    ['resident number next to a code', 'P123456789012 900101-1234567', 'resident_number'],
    ['resident number with P in front', 'P9001011234567', 'resident_number'],
    ['mobile number', '010-1234-5678', 'phone_number'],
    ['mobile number without hyphens', '01012345678', 'phone_number'],
    ['old 011 number', '011-123-4567', 'phone_number'],
    ['international format', '+82 10 1234 5678', 'phone_number'],
    ['two codes', 'P123456789012 P987654321098', 'several_codes'],
    ['two codes in Korean text', '제 건 P123456789012 이고 엄마 건 p9876-5432-1098 이에요', 'several_codes'],
    ['the same code twice', 'P123456789012, P123456789012', 'several_codes'],
    ['business registration number (3-2-5)', '123-45-67890', 'invalid'],
    ['a masked code pasted back', 'P12*******012', 'invalid'],
    ['words only', 'hello there', 'invalid'],
    ['a code plus unknown words', 'see P123456789012 thanks?', 'invalid'],
    ['emoji', 'P123456789012✅', 'invalid'],
  ])('%s: %j → %s', (_name, input, kind) => {
    expect(parseCode(input)).toEqual({ ok: false, error: kind });
  });

  it('does not mistake a 13-digit number with an impossible date for a resident number', () => {
    expect(parseCode('9913451234567')).toEqual({ ok: false, error: 'too_long' });
  });

  it('recognises a business registration number by its check digit', () => {
    // 220-81-62517 is a widely published example with a valid check digit.
    expect(parseCode('2208162517')).toEqual({ ok: false, error: 'invalid' });
    expect(parseCode('2208162518')).toEqual({ ok: false, error: 'too_short' });
  });

  it('never throws on odd input', () => {
    const odd = ['\uD800', '\uDFFF\uD800', '\u0000', 'P\uD83D', '𝟏𝟐', '①②③', 'ﷺ', 'İ', 'ß'.repeat(600)];
    for (const s of odd) expect(() => parseCode(s)).not.toThrow();
    expect(parseCode(undefined as unknown as string)).toEqual({ ok: false, error: 'invalid' });
  });

  it('handles a huge input without normalising it', () => {
    const huge = ' '.repeat(5_000_000) + CODE;
    expect(parseCode(huge)).toEqual({ ok: false, error: 'too_long' });
    expect(normaliseCodeInput(huge)).toBe(huge);
  });
});

describe('normaliseCodeInput', () => {
  it('shows what the validator sees', () => {
    expect(normaliseCodeInput('PCCC: p 1234-5678-9012')).toBe(CODE);
    expect(normaliseCodeInput('010-1234-5678')).toBe('01012345678');
    expect(normaliseCodeInput('  ')).toBe('');
  });

  it('keeps an asterisk inside so masked codes stay invalid', () => {
    expect(normaliseCodeInput('*P12*******012*')).toBe('P12*******012');
  });

  it('leaves an ordinary ㅔ alone when no digits follow', () => {
    expect(normaliseCodeInput('ㅔ abc')).toBe('ABC');
  });

  it('leaves an ordinary 피 alone when no digits follow', () => {
    expect(normaliseCodeInput('피곤해요 abc')).toBe('ABC');
  });
});

describe('isCustomsCode is strict', () => {
  it.each([
    [CODE, true],
    ['p123456789012', false],
    [' P123456789012', false],
    ['P12345678901', false],
    ['P1234567890123', false],
    ['Ｐ１２３４５６７８９０１２', false],
    ['P12345678901٢', false], // Arabic-Indic digit
  ])('%j → %s', (s, expected) => {
    expect(isCustomsCode(s)).toBe(expected);
  });
});

describe('maskCode', () => {
  it('shows P, the issue year and the last three digits', () => {
    expect(maskCode(CODE)).toBe('P12*******012');
  });

  it('normalises before masking', () => {
    expect(maskCode('p 1234-5678-9012')).toBe('P12*******012');
  });

  it('masks anything that is not a code completely', () => {
    expect(maskCode('900101-1234567')).toBe('*************');
    expect(maskCode('01012345678')).toBe('*************');
    expect(maskCode('')).toBe('*************');
  });
});

describe('codeErrorMessage', () => {
  const kinds: CodeErrorKind[] = [
    'empty',
    'too_short',
    'too_long',
    'missing_p',
    'wrong_prefix',
    'letters_inside',
    'resident_number',
    'phone_number',
    'several_codes',
    'invalid',
  ];

  it.each(kinds)('%s has a Korean and an English message', (kind) => {
    const ko = codeErrorMessage(kind, 'ko');
    const en = codeErrorMessage(kind, 'en');
    expect(ko).toMatch(/\p{Script=Hangul}/u);
    expect(en).not.toMatch(/\p{Script=Hangul}/u);
    expect(en.length).toBeGreaterThan(20);
  });

  it('gives every kind its own message', () => {
    for (const lang of ['ko', 'en'] as const) {
      const messages = new Set(kinds.map((k) => codeErrorMessage(k, lang)));
      expect(messages.size).toBe(kinds.length);
    }
  });

  it('suggests adding P when it is missing', () => {
    expect(codeErrorMessage('missing_p', 'en')).toMatch(/add P/);
    expect(codeErrorMessage('missing_p', 'ko')).toMatch(/P를 붙여/);
  });

  it('warns never to share a resident registration number', () => {
    expect(codeErrorMessage('resident_number', 'en')).toMatch(/never share/);
    expect(codeErrorMessage('resident_number', 'ko')).toMatch(/보내지 마세요/);
  });
});

describe('findCodes', () => {
  it('finds codes with their original positions', () => {
    const text = '제 코드는 Ｐ１２３４-５６７８-９０１２ 이고 친구 건 p 9876 5432 1098 입니다';
    const found = findCodes(text);
    expect(found.map((f) => f.code)).toEqual(['P123456789012', 'P987654321098']);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('Ｐ１２３４-５６７８-９０１２');
    expect(text.slice(found[1]!.start, found[1]!.end)).toBe('p 9876 5432 1098');
  });

  it('tolerates zero-width characters and dashes of every kind', () => {
    const text = 'code: P\u200B1234–5678—9012.';
    const [hit] = findCodes(text);
    expect(hit?.code).toBe(CODE);
    expect(text.slice(hit!.start, hit!.end)).toBe('P\u200B1234–5678—9012');
  });

  it('finds a code typed with the Korean IME on, or with its P spelt in Hangul', () => {
    expect(findCodes('ㅔ123456789012').map((f) => f.code)).toEqual([CODE]);
    expect(findCodes('제 번호는 피123456789012').map((f) => f.code)).toEqual([CODE]);
    expect(redactCodes('제 번호는 피123456789012')).not.toContain('123456789012');
  });

  it('ignores longer and shorter numbers', () => {
    expect(findCodes('P1234567890123')).toEqual([]);
    expect(findCodes('P12345678901 ok')).toEqual([]);
    expect(findCodes('123456789012')).toEqual([]);
    expect(findCodes('P 1234     5678 9012')).toEqual([]); // gap too wide to be one code
  });

  it('stops a code at the 12th digit even when more text follows', () => {
    const [hit] = findCodes('P123456789012 3개 주문');
    expect(hit).toEqual({ start: 0, end: 13, code: CODE });
  });

  it('returns nothing for empty or non-string input', () => {
    expect(findCodes('')).toEqual([]);
    expect(findCodes(null as unknown as string)).toEqual([]);
  });

  it('stays bounded on pathological input', () => {
    const evil = `P${'\u200B'.repeat(100)}`.repeat(10_000);
    expect(findCodes(evil)).toEqual([]);
  });
});

describe('redactCodes', () => {
  it('replaces each code with its masked form and keeps the rest', () => {
    expect(redactCodes('내 통관부호는 P123456789012 입니다')).toBe('내 통관부호는 P12*******012 입니다');
    expect(redactCodes('PCCC: p 1234-5678-9012, thanks')).toBe('PCCC: P12*******012, thanks');
  });

  it('returns text without codes unchanged', () => {
    const text = '배송 조회 부탁해요 (주문번호 20240101-123)';
    expect(redactCodes(text)).toBe(text);
  });
});
