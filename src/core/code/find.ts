// Finding codes in free text, with the same character table as parseCode, so whatever
// parseCode accepts is found (and masked) wherever it is pasted.
import { charKind, maskCodeStrict, type CustomsCode } from './mask';

// Between two digits of a code at most this many visible separators ("P 1234 - 5678").
export const MAX_GAP = 3;
// Hard bound on how far one candidate is scanned, so invisible characters can't
// make the scan quadratic.
export const MAX_SPAN = 64;

export interface FoundCode {
  start: number;
  end: number;
  code: CustomsCode;
}

/**
 * Every code-like substring of `text`: a P (any width or case, or the IME's ㅔ) followed
 * by exactly 12 digits (any form NFKC reads as a digit), with short runs of separators or
 * invisible characters between them, and no digit right after the 12th.
 * Indexes are UTF-16 offsets into the original `text`; `end` is exclusive and the slice
 * ends at the last digit.
 */
export function findCodes(text: string): FoundCode[] {
  const found: FoundCode[] = [];
  if (typeof text !== 'string') return found;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const ch = charAt(text, i);
    if (charKind(ch).kind !== 'p') {
      i += ch.length;
      continue;
    }
    const m = matchAt(text, i, ch.length);
    if (m) {
      found.push(m);
      i = m.end;
    } else {
      i += ch.length;
    }
  }
  return found;
}

function charAt(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return text.slice(i, i + 2);
  }
  return text[i]!;
}

function matchAt(text: string, start: number, pLength: number): FoundCode | null {
  const limit = Math.min(text.length, start + MAX_SPAN);
  let digits = '';
  let gap = 0;
  let j = start + pLength;
  while (j < limit && digits.length < 12) {
    const ch = charAt(text, j);
    const k = charKind(ch);
    if (k.kind === 'digit') {
      digits += String(k.digit);
      gap = 0;
    } else if (k.kind === 'separator') {
      if (++gap > MAX_GAP) return null;
    } else if (k.kind !== 'invisible') {
      return null;
    }
    j += ch.length;
  }
  if (digits.length < 12) return null;
  // A 13th digit straight after means a longer number, not a code.
  if (j < text.length && charKind(charAt(text, j)).kind === 'digit') return null;
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
    out += text.slice(at, start) + maskCodeStrict(code);
    at = end;
  }
  return out + text.slice(at);
}
