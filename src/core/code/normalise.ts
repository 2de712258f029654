// The one character table for customs codes, shared by parseCode (whole input) and
// findCodes (codes inside free text): what counts as the letter P, a digit, a separator
// or an invisible character. Plus the normalisation the validator sees.
//
// Format: "P" + 12 digits. There is no public checksum, so only the format is checked
// here; whether a code really exists is the UNI-PASS API's job.

export type Lang = 'ko' | 'en';
export type CustomsCode = string & { readonly __brand: 'CustomsCode' };
export type CodeErrorKind =
  | 'empty'
  | 'too_short'
  | 'too_long'
  | 'missing_p'
  | 'wrong_prefix'
  | 'letters_inside'
  | 'resident_number'
  | 'phone_number'
  | 'several_codes'
  | 'invalid';
export type ParseResult = { ok: true; code: CustomsCode } | { ok: false; error: CodeErrorKind };

/** Nobody types a 13-character code in more than this; capping keeps work bounded. */
export const MAX_INPUT_LENGTH = 1000;

const CODE_RE = /^P\d{12}$/;

// Zero-width and other invisible format characters (ZWSP, ZWJ, BOM, soft hyphen, U+2062…).
export const INVISIBLE_RE = /\p{Cf}/gu;
const INVISIBLE_ONE = /^\p{Cf}$/u;

// Korean IME left on: the "p" key types "ㅔ". NFKC turns the compatibility jamo
// U+3154 into the conjoining U+1166, so both are matched. "피" is the letter P spelt in
// Hangul ("피123456789012"). Only when digits follow, so an ordinary "ㅔ" or "피" in a
// sentence is left alone.
export const IME_P = ['\u3154', '\u1166', '\ud53c'];
const IME_P_RE = /[\u3154\u1166\ud53c](?=[\s\p{P}\p{Z}\p{Cf}\u2212\u30FC]*\d)/gu;

// English words that surround a code ("PCCC: …", "my code is …"). Whole words only
// (letter boundaries, not \b, so "code123…" still loses its label), and never a
// single letter, so "A123456789012" stays a wrong first letter rather than turning
// into 12 bare digits.
const ENGLISH_LABEL_WORDS = [
  'pccc|personal|customs|custom|clearance|unique|code|number|num|id|no',
  "my|is|it['’]s|its|here|the|this|hi|hello|thanks|please",
].join('|');
const ENGLISH_LABEL_RE = new RegExp(`(?<![A-Za-z])(?:${ENGLISH_LABEL_WORDS})(?![A-Za-z])`, 'giu');

// A code never contains Hangul, so every Korean word is label or filler
// ("개인통관고유부호:", "내 통관번호는 … 입니다").
const HANGUL_RE = /\p{Script=Hangul}/gu;

// Separators people put inside or around a code: spaces of every width, all
// punctuation (hyphens, dashes, underscores, slashes, dots, quotes, brackets, colons), the
// minus sign and the katakana long-vowel mark (both look like dashes), and chat markup
// (`code`, ~strike~, ||spoiler||). "*" is not here: see STAR_EDGES_RE.
const SEPARATOR_CLASS = '(?!\\*)[\\p{P}\\p{Z}\\s\\u2212\\u30FC~=|^`]';
const SEPARATOR_RE = new RegExp(SEPARATOR_CLASS, 'gu');
const SEPARATOR_ONE = new RegExp(`^(?:${SEPARATOR_CLASS})+$`, 'u');

// Slack bold is *P123…*: drop asterisks at the edges only. An asterisk inside is
// kept on purpose, so a masked code pasted back ("P12*******012") is not mistaken
// for a real one.
const STAR_EDGES_RE = /^\*+|\*+$/g;

/** What one character (code point) of typed text is, for a code. */
export type CharKind =
  | { kind: 'p' }
  | { kind: 'digit'; digit: number }
  | { kind: 'separator' }
  | { kind: 'invisible' }
  | { kind: 'other' };

const P: CharKind = { kind: 'p' };
const SEP: CharKind = { kind: 'separator' };
const INV: CharKind = { kind: 'invisible' };
const OTHER: CharKind = { kind: 'other' };
const DIGITS: CharKind[] = Array.from({ length: 10 }, (_, d) => ({ kind: 'digit', digit: d }));
const cache = new Map<string, CharKind>();

/**
 * The table: a character is read as NFKC would have it (full-width "Ｐ１", other digit
 * forms), so parseCode (which normalises the whole input) and findCodes (which walks the
 * original text) agree character by character.
 */
export function charKind(ch: string): CharKind {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c < 0x80) {
    if (c >= 0x30 && c <= 0x39) return DIGITS[c - 0x30]!;
    if (c === 0x50 || c === 0x70) return P;
  }
  let k = cache.get(ch);
  if (k) return k;
  k = computeKind(ch);
  if (cache.size < 4096) cache.set(ch, k);
  return k;
}

function computeKind(ch: string): CharKind {
  if (IME_P.includes(ch)) return P;
  if (INVISIBLE_ONE.test(ch)) return INV;
  const n = ch.normalize('NFKC');
  if (n.length === 1 && n >= '0' && n <= '9') return DIGITS[n.charCodeAt(0) - 0x30]!;
  if (n === 'P' || n === 'p' || IME_P.includes(n)) return P;
  if (n !== '' && SEPARATOR_ONE.test(n)) return SEP;
  if (n === '') return INV;
  return OTHER;
}

/**
 * What the validator sees: NFKC (full-width letters, digits and spaces become
 * ASCII), invisible characters removed, labels and Korean filler removed,
 * separators removed, upper-cased. Inputs longer than MAX_INPUT_LENGTH are
 * returned unchanged (and so never look like a code).
 */
export function normaliseCodeInput(input: string): string {
  if (typeof input !== 'string') return '';
  if (input.length > MAX_INPUT_LENGTH) return input;
  return input
    .normalize('NFKC')
    .replace(INVISIBLE_RE, '')
    .replace(IME_P_RE, 'P')
    .replace(ENGLISH_LABEL_RE, ' ')
    .replace(HANGUL_RE, '')
    .replace(SEPARATOR_RE, '')
    .replace(STAR_EDGES_RE, '')
    .toUpperCase();
}

/** Strict: exactly "P" + 12 ASCII digits, nothing else. */
export function isCustomsCode(s: string): s is CustomsCode {
  return typeof s === 'string' && CODE_RE.test(s);
}
