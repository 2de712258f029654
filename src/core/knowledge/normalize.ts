// Text normalisation shared by the matcher and alias lookup: NFKC (full-width
// letters, compatibility jamo), lower case, punctuation out, and per-character
// jamo / 초성 views for typo-tolerant Korean matching.
import { disassemble, getChoseong } from 'es-hangul';
import type { Lang } from './types';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;
const SYLLABLE = /[\uac00-\ud7a3]/;

/** Hangul present → 'ko', else 'en'. Never throws. */
export function detectLang(text: string): Lang {
  return typeof text === 'string' && HANGUL.test(text) ? 'ko' : 'en';
}

/**
 * NFKC + lower case; apostrophes dropped so "what's" → "whats". Compatibility
 * jamo (ㅌㄱㅂㅎ, ㄱㅅ) are left alone: NFKC would turn them into conjoining
 * jamo and break 초성 matching.
 */
export function basicNormalize(text: string): string {
  return text
    .replace(/[^\u3131-\u318e]+/g, (s) => s.normalize('NFKC'))
    .toLowerCase()
    .replace(/['’‘`]/g, '');
}

/** Lower-case words separated by single spaces, padded with a space at both ends. */
export function spacedForm(normalized: string): string {
  const words = normalized.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return words ? ` ${words} ` : ' ';
}

/** Letters and digits only, spaces removed (Korean spacing varies freely). */
export function compactForm(normalized: string): string {
  return normalized.replace(/[^\p{L}\p{N}]+/gu, '');
}

export function isSyllable(ch: string): boolean {
  return SYLLABLE.test(ch);
}

const jamoCache = new Map<string, string>();
/** Jamo of one character (a non-Hangul character maps to itself). */
export function jamoOf(ch: string): string {
  let j = jamoCache.get(ch);
  if (j === undefined) {
    j = HANGUL.test(ch) ? disassemble(ch) : ch;
    jamoCache.set(ch, j);
  }
  return j;
}

export function jamoString(text: string): string {
  let out = '';
  for (const ch of text) out += jamoOf(ch);
  return out;
}

const choCache = new Map<string, string>();
/** 초성 of one character, 1:1 with the input (non-syllables map to themselves). */
export function choseongOf(ch: string): string {
  let c = choCache.get(ch);
  if (c === undefined) {
    c = isSyllable(ch) ? getChoseong(ch) || ch : ch;
    choCache.set(ch, c);
  }
  return c;
}

/** Levenshtein distance, giving up (returning max+1) once it exceeds max. */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
