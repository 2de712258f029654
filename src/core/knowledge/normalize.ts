// Text normalisation shared by the tokenizer and alias lookup: NFKC (full-width letters),
// lower case, apostrophes out; and the language of a text.
import type { Lang } from './types';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

/** Hangul present → 'ko', else 'en'. Never throws. */
export function detectLang(text: string): Lang {
  return typeof text === 'string' && HANGUL.test(text) ? 'ko' : 'en';
}

/**
 * NFKC + lower case; apostrophes dropped so "what's" → "whats". Compatibility jamo
 * (ㅌㄱㅂㅎ, ㄱㅅ) are left alone: NFKC would turn them into conjoining jamo.
 */
export function basicNormalize(text: string): string {
  return text
    .replace(/[^\u3131-\u318e]+/g, (s) => s.normalize('NFKC'))
    .toLowerCase()
    .replace(/['’‘`]/g, '');
}

/** Letters and digits only, spaces removed (Korean spacing varies freely). */
export function compactForm(normalized: string): string {
  return normalized.replace(/[^\p{L}\p{N}]+/gu, '');
}
