/**
 * The personal customs clearance code (개인통관고유부호, PCCC) as a value:
 * normalise what people type, validate, mask for display, explain mistakes,
 * and find / redact codes in free text so a pasted code is never echoed.
 *
 * normalise.ts holds the one character table; find.ts finds codes in text; messages.ts
 * explains mistakes. Platform-neutral: no imports beyond the language itself.
 */
import { findCodes } from './find';
import { INVISIBLE_RE, MAX_INPUT_LENGTH, normaliseCodeInput, type CodeErrorKind, type ParseResult } from './normalise';

export { charKind, isCustomsCode, MAX_INPUT_LENGTH, normaliseCodeInput } from './normalise';
export type { CharKind, CodeErrorKind, CustomsCode, Lang, ParseResult } from './normalise';
export { findCodes, redactCodes, MAX_GAP, MAX_SPAN, type FoundCode } from './find';
export { maskCode } from './mask';
export { codeErrorMessage } from './messages';

/** Never throws, for any string. */
export function parseCode(input: string): ParseResult {
  try {
    if (typeof input !== 'string') return { ok: false, error: 'invalid' };
    if (input.length > MAX_INPUT_LENGTH) return { ok: false, error: 'too_long' };
    // Accepted: exactly one code as findCodes reads it, and nothing around it but labels,
    // Korean filler, separators and markup. So every accepted input is also found (and
    // masked) by findCodes wherever it is pasted.
    const found = findCodes(input);
    if (found.length === 1) {
      const { start, end, code } = found[0]!;
      if (normaliseCodeInput(`${input.slice(0, start)} ${input.slice(end)}`) === '') return { ok: true, code };
    }
    const n = normaliseCodeInput(input);
    return { ok: false, error: classify(input, n) };
  } catch {
    // Defensive only: nothing above is expected to throw.
    return { ok: false, error: 'invalid' };
  }
}

/** Why `n` (the normalised `raw`) is not a code. Order matters: safety warnings first. */
function classify(raw: string, n: string): CodeErrorKind {
  if (n === '') return 'empty';
  if (looksLikeResidentNumber(raw, n)) return 'resident_number';
  if (countCodes(raw, n) >= 2) return 'several_codes';
  if (looksLikePhoneNumber(n)) return 'phone_number';

  // One code plus words we don't know ("hey P123456789012"): ask for the code alone.
  if (/P\d{12}(?!\d)/.test(n)) return 'invalid';

  if (/^P/.test(n)) {
    const rest = n.slice(1);
    if (/^\d*$/.test(rest)) return rest.length < 12 ? 'too_short' : 'too_long';
    if (/^[A-Z0-9]+$/.test(rest) && /\d/.test(rest)) return 'letters_inside';
    return 'invalid';
  }
  if (/^\d+$/.test(n)) {
    if (n.length === 12) return 'missing_p';
    if (looksLikeBusinessNumber(raw, n)) return 'invalid';
    return n.length < 12 ? 'too_short' : 'too_long';
  }
  // Digits with a letter among them, P forgotten too ("123456789O12").
  if (/^\d[A-Z0-9]*$/.test(n)) return 'letters_inside';
  // Another first letter ("B123…", or a business customs code such as "ABCD1…").
  if (/^[A-Z]+\d[A-Z0-9]*$/.test(n)) return 'wrong_prefix';
  return 'invalid';
}

// Resident registration number: YYMMDD-SNNNNNN. Since 2020 the last six digits are
// random, so there is no checksum to test; the date and the sex/century digit
// (1–8, 5–8 for foreigners) are enough to warn.
function plausibleResident(d13: string): boolean {
  const mm = Number(d13.slice(2, 4));
  const dd = Number(d13.slice(4, 6));
  const s = Number(d13[6]);
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31 && s >= 1 && s <= 8;
}

function looksLikeResidentNumber(raw: string, n: string): boolean {
  const d = /^P?(\d{13})$/.exec(n);
  if (d && plausibleResident(d[1]!)) return true;
  const text = raw
    .normalize('NFKC')
    .replace(INVISIBLE_RE, '')
    .replace(/[\u2010-\u2015\u2212\u30FC]/g, '-');
  // The hyphenated 6-7 shape is unmistakable, so it warns even with an odd date;
  // 13 digits without the hyphen need a plausible date.
  for (const m of text.matchAll(/(?<!\d)(\d{6})([ \t]*-[ \t]*|[ \t]*)(\d{7})(?!\d)/g)) {
    if (m[2]!.includes('-') || plausibleResident(m[1]! + m[3]!)) return true;
  }
  return false;
}

function countCodes(raw: string, n: string): number {
  const inNormalised = n.match(/P\d{12}(?!\d)/g)?.length ?? 0;
  return Math.max(inNormalised, findCodes(raw).length);
}

// Korean mobile numbers: 010/011/016–019, with or without +82.
function looksLikePhoneNumber(n: string): boolean {
  return /^01[016789]\d{7,8}$/.test(n) || /^\+820?1[016789]\d{7,8}$/.test(n);
}

// Business registration number (사업자등록번호): 10 digits, written 3-2-5, with a
// public check digit. Either sign makes it "obviously" not a personal code.
function looksLikeBusinessNumber(raw: string, n: string): boolean {
  if (n.length !== 10) return false;
  if (
    /(?<!\d)\d{3}\s*[-\u2010-\u2015\u2212]\s*\d{2}\s*[-\u2010-\u2015\u2212]\s*\d{5}(?!\d)/.test(raw.normalize('NFKC'))
  ) {
    return true;
  }
  const d = [...n].map(Number);
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d[i]! * w[i]!;
  sum += Math.floor((d[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9];
}
