/**
 * Checks of what a user types before it goes to UNI-PASS, with kind ko/en messages.
 * Never throw: every function returns a result value.
 */
import { codeErrorMessage, findCodes, parseCode } from '../core/code';
import { UNIPASS_TEXT, type UnipassTextKey } from './text';
import type { Bilingual } from './types';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: Bilingual };

/** Full-width forms → ASCII, then drop the separators people type. */
function squeeze(s: string): string {
  return s.normalize('NFKC').replace(/[\s\-–—.()]/g, '');
}

function fail(key: UnipassTextKey, params: Record<string, string> = {}): { ok: false; error: Bilingual } {
  return { ok: false, error: UNIPASS_TEXT.both(key, params) };
}

/** 050x "safe"/relay numbers (0502–0508), which never match the number registered with the code. */
export function isRelayNumber(phone: string): boolean {
  if (typeof phone !== 'string') return false;
  return /^050[2-8]\d{7,8}$/.test(toDomestic(squeeze(phone)));
}

function toDomestic(digits: string): string {
  // +82 10-1234-5678 / 0082 10… → 010…
  const m = digits.match(/^(?:\+|00)82(\d+)$/);
  if (m) return m[1]!.startsWith('0') ? m[1]! : `0${m[1]}`;
  return digits;
}

export type PhoneResult = Parsed<string> & { relay?: boolean };

/** Korean mobile number → digits only (01012345678). Relay numbers are refused with their own warning. */
export function parsePhone(input: string): PhoneResult {
  if (typeof input !== 'string' || input.trim() === '') {
    return fail('phoneEmpty');
  }
  const digits = toDomestic(squeeze(input));
  if (/^050[2-8]\d{7,8}$/.test(digits)) {
    return { ...fail('phoneRelay'), relay: true };
  }
  if (!/^\d+$/.test(digits)) {
    return fail('phoneDigits');
  }
  if (/^010\d{8}$/.test(digits) || /^01[16789]\d{7,8}$/.test(digits)) return { ok: true, value: digits };
  return fail('phoneNotMobile');
}

/** 5-digit postal code (국가기초구역번호). */
export function parsePostalCode(input: string): Parsed<string> {
  if (typeof input !== 'string' || input.trim() === '') {
    return fail('postalEmpty');
  }
  const digits = squeeze(input);
  if (/^\d{5}$/.test(digits)) return { ok: true, value: digits };
  if (/^\d{6}$/.test(digits)) {
    return fail('postalOld');
  }
  return fail('postalFormat');
}

/** Name as registered with the code: 1–50 characters, trimmed, inner spaces collapsed. */
export function parseName(input: string): Parsed<string> {
  if (typeof input !== 'string') return fail('nameEmpty');
  const name = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') return fail('nameEmpty');
  if (looksLikeCustomsCode(name)) return codeNotHere('fieldName');
  if ([...name].length > 50) return fail('nameTooLong');
  if (/[\p{Cc}\p{Cf}<>]/u.test(name) || !/\p{L}/u.test(name)) {
    return fail('nameChars');
  }
  return { ok: true, value: name };
}

/** Customs code P + 12 digits, read by the core's one parser. Format only: there is no public checksum. */
export function parseCustomsCode(input: string): Parsed<string> {
  const r = parseCode(typeof input === 'string' ? input : '');
  if (r.ok) return { ok: true, value: r.code };
  return { ok: false, error: { ko: codeErrorMessage(r.error, 'ko'), en: codeErrorMessage(r.error, 'en') } };
}

/** A customs code typed where something else is asked (a B/L, a name): never used, never echoed. */
export function looksLikeCustomsCode(input: string): boolean {
  if (typeof input !== 'string') return false;
  // Also after dropping the separators the B/L parser drops ("P----2609…", full-width spaces):
  // whatever would reach UNI-PASS or the table as P + 12 digits is a code.
  return findCodes(input).length > 0 || parseCode(input).ok || /(?:^|[^A-Z])P\d{12}(?!\d)/i.test(squeeze(input));
}

/** The field's name in each language goes into the sentence of that language. */
function codeNotHere(field: UnipassTextKey): { ok: false; error: Bilingual } {
  const name = UNIPASS_TEXT.both(field);
  return {
    ok: false,
    error: {
      ko: UNIPASS_TEXT.render('ko', 'codeNotHere', { field: name.ko }),
      en: UNIPASS_TEXT.render('en', 'codeNotHere', { field: name.en }),
    },
  };
}

export type BlGuess =
  | { kind: 'cargMtNo'; cargMtNo: string }
  | { kind: 'bl'; blNo: string; likely: 'house' | 'master'; tryAs: ['hbl', 'mbl'] | ['mbl', 'hbl'] };

/**
 * A cargo management number: year (2 digits), carrier/vessel code (4, at least
 * one letter), voyage/flight count (4 digits), then 5–9 letters/digits — 15–19
 * characters such as 25HJSC0123I00010001. The letter rule keeps all-digit courier
 * tracking numbers (often 12–15 digits) on the B/L side.
 */
const CARG_MT_NO = /^\d{2}(?=[A-Z0-9]{0,3}[A-Z])[A-Z0-9]{4}\d{4}[A-Z0-9]{5,9}$/;

/**
 * Text → what to query. Heuristic (B/L numbers have no public format):
 * - matches CARG_MT_NO → cargo management number;
 * - 11 digits whose last digit is the mod-7 check of the 7 before it (air waybill:
 *   3-digit airline prefix + 8-digit serial) → likely a master air waybill;
 * - 4 letters + 6–12 digits (an ocean carrier's SCAC prefix) → likely a master B/L;
 * - anything else of 4–35 letters/digits → likely a house B/L, the number parcels
 *   and couriers show. `tryAs` gives the order to try hblNo / mblNo.
 */
export function parseBl(input: string): Parsed<BlGuess> {
  if (typeof input !== 'string' || input.trim() === '') {
    return fail('blEmpty');
  }
  // A code typed as a B/L would be stored, sent to UNI-PASS and shown back: refused.
  if (looksLikeCustomsCode(input)) return codeNotHere('fieldBl');
  const s = squeeze(input).toUpperCase();
  if (!/^[A-Z0-9]{4,35}$/.test(s)) {
    return fail('blFormat');
  }
  if (CARG_MT_NO.test(s)) return { ok: true, value: { kind: 'cargMtNo', cargMtNo: s } };
  const master = isAirWaybill(s) || /^[A-Z]{4}\d{6,12}$/.test(s);
  return {
    ok: true,
    value: master
      ? { kind: 'bl', blNo: s, likely: 'master', tryAs: ['mbl', 'hbl'] }
      : { kind: 'bl', blNo: s, likely: 'house', tryAs: ['hbl', 'mbl'] },
  };
}

function isAirWaybill(s: string): boolean {
  if (!/^\d{11}$/.test(s)) return false;
  return Number(s.slice(3, 10)) % 7 === Number(s[10]);
}

/**
 * The B/L year to ask for by default: the current year in Korea. In January a
 * parcel shipped last December is often filed under the previous year; callers
 * can pass `tryPreviousYear: true` to the cargo query to retry with year − 1 on
 * not_found.
 */
export function defaultBlYear(now: Date = new Date()): number {
  const t = now instanceof Date && !Number.isNaN(now.getTime()) ? now.getTime() : Date.now();
  return new Date(t + 9 * 3600_000).getUTCFullYear();
}
