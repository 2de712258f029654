/**
 * The personal customs clearance code (개인통관고유부호, PCCC) as a value:
 * normalise what people type, validate, mask for display, explain mistakes,
 * and find / redact codes in free text so a pasted code is never echoed.
 *
 * Format: "P" + 12 digits. There is no public checksum, so only the format is
 * checked here; whether a code really exists is the UNI-PASS API's job.
 *
 * Platform-neutral: no imports beyond the language itself.
 */

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

// Zero-width and other invisible format characters (ZWSP, ZWJ, BOM, soft hyphen, …).
const INVISIBLE_RE = /\p{Cf}/gu;

// Korean IME left on: the "p" key types "ㅔ". NFKC turns the compatibility jamo
// U+3154 into the conjoining U+1166, so both are matched. Only when digits follow,
// so an ordinary "ㅔ" in a sentence is left alone.
const IME_P_RE = /[\u3154\u1166](?=[\s\p{P}\p{Z}\p{Cf}\u2212\u30FC]*\d)/gu;

// English words that surround a code ("PCCC: …", "my code is …"). Whole words only
// (letter boundaries, not \b, so "code123…" still loses its label), and never a
// single letter, so "A123456789012" stays a wrong first letter rather than turning
// into 12 bare digits.
const ENGLISH_LABEL_RE =
  /(?<![A-Za-z])(?:pccc|personal|customs|custom|clearance|unique|code|number|num|id|no|my|is|it['’]s|its|here|the|this|hi|hello|thanks|please)(?![A-Za-z])/giu;

// A code never contains Hangul, so every Korean word is label or filler
// ("개인통관고유부호:", "내 통관번호는 … 입니다").
const HANGUL_RE = /\p{Script=Hangul}/gu;

// Separators people put inside or around a code: spaces of every width, all
// punctuation (hyphens, dashes, dots, quotes, brackets, colons), the minus sign and
// the katakana long-vowel mark (both look like dashes), and chat markup (`code`,
// ~strike~, ||spoiler||). "*" is not here: see STAR_EDGES_RE.
const SEPARATOR_RE = /(?!\*)[\p{P}\p{Z}\s\u2212\u30FC~=|^`]/gu;

// Slack bold is *P123…*: drop asterisks at the edges only. An asterisk inside is
// kept on purpose, so a masked code pasted back ("P12*******012") is not mistaken
// for a real one.
const STAR_EDGES_RE = /^\*+|\*+$/g;

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

/** Never throws, for any string. */
export function parseCode(input: string): ParseResult {
  try {
    if (typeof input !== 'string') return { ok: false, error: 'invalid' };
    if (input.length > MAX_INPUT_LENGTH) return { ok: false, error: 'too_long' };
    const n = normaliseCodeInput(input);
    if (isCustomsCode(n)) return { ok: true, code: n };
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
  const text = raw.normalize('NFKC').replace(INVISIBLE_RE, '').replace(/[\u2010-\u2015\u2212\u30FC]/g, '-');
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
  if (/(?<!\d)\d{3}\s*[-\u2010-\u2015\u2212]\s*\d{2}\s*[-\u2010-\u2015\u2212]\s*\d{5}(?!\d)/.test(raw.normalize('NFKC'))) {
    return true;
  }
  const d = [...n].map(Number);
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d[i]! * w[i]!;
  sum += Math.floor((d[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9];
}

/**
 * For display: "P12*******012". Shown: P, the first two digits (the issue year, so
 * a user can tell an old code from a reissued one) and the last three (enough to
 * recognise "which" code). Hidden: the seven serial digits in the middle, leaving
 * 10^7 possibilities. Anything that is not a valid code is masked entirely: it may
 * be a resident or phone number and must not be echoed even in part.
 */
export function maskCode(code: CustomsCode | string): string {
  const n = typeof code === 'string' ? normaliseCodeInput(code) : '';
  if (!isCustomsCode(n)) return '*'.repeat(13);
  return `${n.slice(0, 3)}${'*'.repeat(7)}${n.slice(10)}`;
}

const MESSAGES: Record<CodeErrorKind, Record<Lang, string>> = {
  empty: {
    ko: '통관부호가 보이지 않아요. 영문 P로 시작하는 13자리(P + 숫자 12자리)를 보내 주세요. 예: P123456789012',
    en: "I couldn't find a code there. Please send your customs code: the letter P followed by 12 digits, e.g. P123456789012.",
  },
  too_short: {
    ko: '자릿수가 모자라요. 개인통관고유부호는 P 다음에 숫자 12자리가 와요(모두 13자리). 빠진 숫자가 없는지 확인해 주세요.',
    en: "That's too short. A customs code is P followed by exactly 12 digits (13 characters in all). Please check for a missing digit.",
  },
  too_long: {
    ko: '자릿수가 너무 많아요. 개인통관고유부호는 P 다음에 숫자 12자리예요(모두 13자리). 부호만 보내 주세요.',
    en: "That's too long. A customs code is P followed by exactly 12 digits (13 characters in all). Please send just the code.",
  },
  missing_p: {
    ko: '숫자 12자리는 맞는데 맨 앞의 P가 빠졌어요. 앞에 영문 P를 붙여서 보내 주세요. 예: P123456789012',
    en: 'The 12 digits look right, but the code starts with the letter P. Please add P in front, e.g. P123456789012.',
  },
  wrong_prefix: {
    ko: '개인통관고유부호는 영문 P로 시작해요. 첫 글자를 확인해 주세요. 한글 자판에서는 P가 ‘ㅔ’로 입력되니 영문으로 바꿔 주세요. 사업자용 통관고유부호는 개인 해외직구에 쓰는 부호가 아니에요.',
    en: "A personal customs code starts with the letter P. Please check the first letter. Business customs codes are a different thing and can't be used for personal imports.",
  },
  letters_inside: {
    ko: '숫자 자리에 문자가 섞여 있어요. P 다음 12자리는 모두 숫자예요. 영문 O와 숫자 0, 영문 l·I와 숫자 1을 헷갈리지 않았는지 확인해 주세요.',
    en: 'There is a letter among the digits. After the P come 12 digits only: check for the letter O instead of zero, or l/I instead of one.',
  },
  resident_number: {
    ko: '주민등록번호처럼 보여요. 주민등록번호는 채팅에 보내지 마세요. 개인통관고유부호(P로 시작하는 13자리)가 바로 주민등록번호 대신 쓰는 번호예요. 방금 보낸 메시지는 지워 두시는 게 안전해요.',
    en: "That looks like a resident registration number. Please never share it in chat: the customs code (P followed by 12 digits) exists so you don't have to. It's safest to delete that message.",
  },
  phone_number: {
    ko: '휴대전화번호처럼 보여요. 여기에는 개인통관고유부호(영문 P + 숫자 12자리)를 보내 주세요.',
    en: 'That looks like a phone number. Please send your customs code instead: the letter P followed by 12 digits.',
  },
  several_codes: {
    ko: '통관부호가 여러 개 보여요. 한 번에 하나만 보내 주세요.',
    en: 'I see more than one code. Please send one code at a time.',
  },
  invalid: {
    ko: '개인통관고유부호 형식이 아니에요. P로 시작하는 13자리(예: P123456789012)만 보내 주세요. 사업자등록번호·주문번호·송장번호와 헷갈리지 않았는지도 확인해 주세요.',
    en: "That doesn't look like a personal customs code. Please send just the code: P followed by 12 digits, e.g. P123456789012 (not a business registration, order or tracking number).",
  },
};

/** A kind, fixed message; never contains what the user typed. */
export function codeErrorMessage(kind: CodeErrorKind, lang: Lang): string {
  const byLang = MESSAGES[kind] ?? MESSAGES.invalid;
  return byLang[lang] ?? byLang.ko;
}

// --- Finding codes in free text -------------------------------------------------

// Between two parts of a code at most this many visible separators ("P 1234 - 5678").
const MAX_GAP = 3;
// Hard bound on how far one candidate is scanned, so invisible characters can't
// make the scan quadratic.
const MAX_SPAN = 64;

function isPLike(c: number): boolean {
  // P p Ｐ ｐ, and ㅔ (the "p" key with the Korean IME on), as in normaliseCodeInput.
  return c === 0x50 || c === 0x70 || c === 0xff30 || c === 0xff50 || c === 0x3154 || c === 0x1166;
}

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10; // full-width
  return -1;
}

function isInvisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff || c === 0x00ad || c === 0x180e;
}

function isVisibleSeparator(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000 || // spaces
    c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0x30fc || c === 0xff0d ||
    c === 0xfe63 || c === 0xff70 || // hyphens, dashes, minus, long-vowel marks
    c === 0x2e || c === 0xff0e || c === 0xb7 || c === 0x30fb || c === 0x2022 || c === 0x2027 || // dots
    (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f // other spaces
  );
}

/**
 * Every code-like substring of `text`: a P (any width or case) followed by exactly
 * 12 digits (ASCII or full-width), with short runs of spaces, hyphens, dots or
 * invisible characters allowed between them, and no digit right after the 12th.
 * Indexes are UTF-16 offsets into the original `text`; `end` is exclusive and
 * the slice ends at the last digit.
 */
export function findCodes(text: string): { start: number; end: number; code: CustomsCode }[] {
  const found: { start: number; end: number; code: CustomsCode }[] = [];
  if (typeof text !== 'string') return found;
  const len = text.length;
  let i = 0;
  while (i < len) {
    if (!isPLike(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const m = matchAt(text, i);
    if (m) {
      found.push(m);
      i = m.end;
    } else {
      i++;
    }
  }
  return found;
}

function matchAt(text: string, start: number): { start: number; end: number; code: CustomsCode } | null {
  const limit = Math.min(text.length, start + MAX_SPAN);
  let digits = '';
  let gap = 0;
  let j = start + 1;
  while (j < limit && digits.length < 12) {
    const c = text.charCodeAt(j);
    const d = digitValue(c);
    if (d >= 0) {
      digits += String(d);
      gap = 0;
    } else if (isVisibleSeparator(c)) {
      if (++gap > MAX_GAP) return null;
    } else if (!isInvisible(c)) {
      return null;
    }
    j++;
  }
  if (digits.length < 12) return null;
  // A 13th digit straight after means a longer number, not a code.
  if (j < text.length && digitValue(text.charCodeAt(j)) >= 0) return null;
  return { start, end: j, code: `P${digits}` as CustomsCode };
}

/** `text` with every code found by findCodes replaced by its masked form. */
export function redactCodes(text: string): string {
  if (typeof text !== 'string') return '';
  const codes = findCodes(text);
  if (codes.length === 0) return text;
  let out = '';
  let at = 0;
  for (const { start, end, code } of codes) {
    out += text.slice(at, start) + maskCode(code);
    at = end;
  }
  return out + text.slice(at);
}
