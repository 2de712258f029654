import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCodes, isCustomsCode, maskCode, normaliseCodeInput, parseCode, redactCodes } from '../../src/core/code';

// Deterministic: the same cases every run.
const RUNS = { numRuns: 2000, seed: 20240601 };

const code = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }).map((d) => `P${d.join('')}`);

const SEPARATORS = [
  ' ',
  '-',
  '–',
  '—',
  '‐',
  '−',
  'ー',
  '.',
  '\u3000',
  '\u00A0',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '－',
  '_',
  '/',
  '\u2062',
  '\\',
  ':',
  '·',
  '~',
  '|',
  '\u2063',
  '\u00AD',
];
const separatorRun = (max: number) =>
  fc.array(fc.constantFrom(...SEPARATORS), { maxLength: max }).map((s) => s.join(''));

const fullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);

/** A code as someone might type it: varied P, full-width digits, separators between characters. */
const typedCode = (maxGap: number) =>
  fc
    .tuple(
      code,
      fc.constantFrom('P', 'p', 'Ｐ', 'ｐ'),
      fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      fc.array(separatorRun(maxGap), { minLength: 12, maxLength: 12 }),
    )
    .map(([c, p, wide, gaps]) => {
      let typed = p;
      for (let i = 0; i < 12; i++) typed += gaps[i]! + (wide[i] ? fullWidth(c[i + 1]!) : c[i + 1]!);
      return { code: c, typed };
    });

const LABELS = [
  '',
  '통관부호: ',
  '개인통관고유부호 ',
  '개인통관번호는 ',
  'PCCC: ',
  'pccc ',
  'my code is ',
  'Customs ID: ',
  '내 통관번호는 ',
];
const ENDINGS = ['', ' 입니다', '요', '.', ' 이에요!', ' ', '\n'];
const WRAPS: [string, string][] = [
  ['', ''],
  ['"', '"'],
  ['(', ')'],
  ['「', '」'],
  ['`', '`'],
  ['*', '*'],
  ['“', '”'],
];

// Random strings built from the pieces that matter here, so that near-codes,
// labels and separators actually meet (plain random strings almost never do).
const soup = fc
  .array(
    fc.oneof(
      fc.constantFrom('P', 'p', 'Ｐ', 'ㅔ', 'B', 'O', 'l', '*', '+', '82', '010', '통관', '부호', 'PCCC', 'code', 'is'),
      fc.constantFrom(...SEPARATORS, ':', '"', '(', ')', '`', '|'),
      fc.integer({ min: 0, max: 9 }).map(String),
      fc.integer({ min: 0, max: 9 }).map((d) => fullWidth(String(d))),
      fc.stringMatching(/^\d{4,13}$/),
      code,
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

const anyString = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  soup,
);

describe('parseCode (properties)', () => {
  it('never throws, for any string, including long ones', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.string({ unit: 'binary', minLength: 900, maxLength: 1100 })), (s) => {
        const r = parseCode(s);
        expect(typeof r.ok).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('accepts only strings whose normalisation is a valid code, and returns that code', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = parseCode(s);
        if (r.ok) expect(findCodes(s).map((f) => f.code)).toEqual([r.code]);
      }),
      RUNS,
    );
  });

  it('reads any decorated variant of a code back as the same code', () => {
    fc.assert(
      fc.property(
        typedCode(3),
        fc.constantFrom(...LABELS),
        fc.constantFrom(...ENDINGS),
        fc.constantFrom(...WRAPS),
        ({ code: c, typed }, label, ending, [open, close]) => {
          expect(parseCode(`${label}${open}${typed}${close}${ending}`)).toEqual({ ok: true, code: c });
        },
      ),
      RUNS,
    );
  });

  it('agrees with isCustomsCode on strict input', () => {
    fc.assert(
      fc.property(code, (c) => {
        expect(isCustomsCode(c)).toBe(true);
        expect(parseCode(c)).toEqual({ ok: true, code: c });
      }),
      RUNS,
    );
  });
});

describe('maskCode (properties)', () => {
  it('never shows the middle seven digits', () => {
    fc.assert(
      fc.property(code, (c) => {
        const masked = maskCode(c);
        expect(masked).toHaveLength(13);
        expect(masked).toBe(`${c.slice(0, 3)}*******${c.slice(10)}`);
        expect(masked).not.toContain(c.slice(3, 10));
        expect(isCustomsCode(masked)).toBe(false);
      }),
      RUNS,
    );
  });

  it('never echoes any digit of something that is not a code', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        if (isCustomsCode(normaliseCodeInput(s))) return;
        expect(maskCode(s)).toBe('*************');
      }),
      RUNS,
    );
  });
});

// Text around an embedded code. The part after it never starts with a digit:
// a digit right after the 12th would make it a longer number, not a code.
const WORDS = [
  '통관',
  '부호',
  '해외직구',
  '주문했어요',
  '택배',
  '안녕하세요',
  '코드는',
  'order',
  'my',
  'code',
  'is',
  'hello',
  'parcel',
  '#42',
  'Pay',
  'pp',
  '2024',
  '!',
  ',',
  ' ',
  ' ',
  '\n',
  ':',
];
const words = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(''));
const surrounding = fc.oneof(words, fc.string({ maxLength: 20 }));
const after = surrounding.filter((s) => !/^[0-9０-９]/.test(s));

describe('findCodes / redactCodes (properties)', () => {
  it('finds a code embedded in arbitrary Korean/English text, at its original position', () => {
    fc.assert(
      fc.property(surrounding, typedCode(2), after, (before, { code: c, typed }, rest) => {
        const text = before + typed + rest;
        const hit = findCodes(text).find((f) => f.start === before.length);
        expect(hit).toEqual({ start: before.length, end: before.length + typed.length, code: c });
      }),
      RUNS,
    );
  });

  it('reports positions whose slice normalises to the code', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        for (const f of findCodes(text)) {
          expect(f.end).toBeGreaterThan(f.start);
          expect(normaliseCodeInput(text.slice(f.start, f.end))).toBe(f.code);
        }
      }),
      RUNS,
    );
  });

  it('leaves no found code in the redacted text', () => {
    const text = fc.oneof(
      anyString,
      fc.tuple(surrounding, typedCode(2), after, soup).map(([a, t, b, c]) => a + t.typed + b + c),
    );
    fc.assert(
      fc.property(text, (t) => {
        const found = findCodes(t);
        const redacted = redactCodes(t);
        for (const f of found) expect(redacted).not.toContain(f.code);
        expect(findCodes(redacted)).toEqual([]);
        if (found.length === 0) expect(redacted).toBe(t);
        // Only the spans change: each becomes its 13-character mask, the rest is kept.
        const spanLength = found.reduce((sum, f) => sum + (f.end - f.start), 0);
        expect(redacted.length).toBe(t.length - spanLength + 13 * found.length);
        if (found.length > 0) {
          expect(redacted.startsWith(t.slice(0, found[0]!.start))).toBe(true);
          expect(redacted.endsWith(t.slice(found.at(-1)!.end))).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

// One character table: whatever parseCode accepts, pasted into any text, is found and masked.
describe('parse and find agree (one table)', () => {
  const accepted = fc
    .oneof(
      anyString,
      soup,
      fc
        .tuple(typedCode(3), fc.constantFrom(...LABELS), fc.constantFrom(...ENDINGS), fc.constantFrom(...WRAPS))
        .map(([t, l, e, [o, c]]) => `${l}${o}${t.typed}${c}${e}`),
    )
    .filter((s) => parseCode(s).ok);
  const around = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), words);

  it('whatever parseCode accepts, embedded in any surrounding text, findCodes finds and redactCodes masks', () => {
    fc.assert(
      fc.property(around, accepted, around, (before, s, rest) => {
        const r = parseCode(s);
        if (!r.ok) return;
        const text = `${before} ${s} ${rest}`;
        expect(findCodes(text).map((f) => f.code)).toContain(r.code);
        const redacted = redactCodes(text);
        expect(findCodes(redacted).map((f) => f.code)).not.toContain(r.code);
        expect(normaliseCodeInput(redacted).includes(r.code.slice(1))).toBe(
          normaliseCodeInput(`${before} ${rest}`).includes(r.code.slice(1)),
        );
      }),
      RUNS,
    );
  });

  it.each(['P2609_87654321', 'P2609/87654321', 'P2609\u206287654321', 'P2609\\87654321', 'p２６０９·８７６５４３２１'])(
    '%j is parsed and found alike',
    (typed) => {
      expect(parseCode(typed)).toEqual({ ok: true, code: 'P260987654321' });
      expect(findCodes(`my code: ${typed} thanks`).map((f) => f.code)).toEqual(['P260987654321']);
      expect(redactCodes(`my code: ${typed} thanks`)).toBe('my code: P26*******321 thanks');
    },
  );
});
