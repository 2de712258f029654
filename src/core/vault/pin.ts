// PIN policy: exactly 6 digits (see README "Why a 6-digit PIN"), and none of the PINs
// people pick first. A refused PIN gets its own reason.
import { defineCatalog } from '../text/catalog';
import type { Lang } from '../types';
import texts from './text.json';

export const PIN_LENGTH = 6;

export type PinProblem = 'empty' | 'not_digits' | 'wrong_length' | 'trivial' | 'mismatch';

// The reasons a PIN is refused, one message each (text.json; a compile error if one is missing).
const complete: Record<PinProblem, unknown> = texts;
export const PIN_TEXT = defineCatalog('vault', complete as typeof texts);

const COMMON = new Set([
  '123123',
  '112233',
  '111222',
  '121212',
  '101010',
  '102030',
  '696969',
  '159753',
  '147258',
  '258369',
  '131313',
  '007007',
  '246810',
  '135790',
  '000123',
  '123321',
  '654321',
  '123456',
  '789456',
  '456789',
  '147852',
  '963852',
  '121314',
]);

function isStraight(pin: string, step: number): boolean {
  for (let i = 1; i < pin.length; i++) {
    if ((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10 !== (step + 10) % 10) return false;
  }
  return true;
}

export function checkPin(pin: string, confirm?: string): PinProblem | null {
  const p = pin.normalize('NFKC').trim();
  if (p === '') return 'empty';
  if (!/^\d+$/.test(p)) return 'not_digits';
  if (p.length !== PIN_LENGTH) return 'wrong_length';
  if (
    /^(\d)\1+$/.test(p) ||
    isStraight(p, 1) ||
    isStraight(p, -1) ||
    COMMON.has(p) ||
    /^(\d\d)\1\1$/.test(p) ||
    /^(\d\d\d)\1$/.test(p)
  )
    return 'trivial';
  if (confirm !== undefined && confirm.normalize('NFKC').trim() !== p) return 'mismatch';
  return null;
}

export function normalisePin(pin: string): string {
  return pin.normalize('NFKC').trim();
}

export function pinProblemMessage(problem: PinProblem, lang: Lang): string {
  return PIN_TEXT.render(lang, problem, { n: PIN_LENGTH });
}

/** After this many wrong PINs the vault locks, for 1 minute, then twice as long after each further miss (max 24 h). */
export const FREE_ATTEMPTS = 5;
export const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

export function lockDurationMs(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  const exp = failedAttempts - FREE_ATTEMPTS;
  return Math.min(60_000 * 2 ** Math.min(exp, 20), MAX_LOCK_MS);
}
