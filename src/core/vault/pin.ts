// PIN policy: exactly 6 digits (see README "Why a 6-digit PIN"), and none of the PINs
// people pick first. A refused PIN gets its own reason.
import type { Lang } from '../types';

export const PIN_LENGTH = 6;

export type PinProblem = 'empty' | 'not_digits' | 'wrong_length' | 'trivial' | 'mismatch';

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
  const ko: Record<PinProblem, string> = {
    empty: 'PIN을 입력해 주세요.',
    not_digits: 'PIN은 숫자만 쓸 수 있어요.',
    wrong_length: `PIN은 숫자 ${PIN_LENGTH}자리여야 해요.`,
    trivial: '너무 쉬운 PIN이에요(같은 숫자 반복, 123456 같은 연속 숫자 등). 남이 짐작하기 어려운 숫자로 골라 주세요.',
    mismatch: '두 번 입력한 PIN이 서로 달라요. 다시 입력해 주세요.',
  };
  const en: Record<PinProblem, string> = {
    empty: 'Please enter a PIN.',
    not_digits: 'A PIN can only contain digits.',
    wrong_length: `The PIN must be exactly ${PIN_LENGTH} digits.`,
    trivial:
      'That PIN is too easy to guess (repeated or sequential digits such as 000000 or 123456). Please pick one others could not guess.',
    mismatch: 'The two PINs you typed do not match. Please type them again.',
  };
  return (lang === 'ko' ? ko : en)[problem];
}

/** After this many wrong PINs the vault locks, for 1 minute, then twice as long after each further miss (max 24 h). */
export const FREE_ATTEMPTS = 5;
export const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

export function lockDurationMs(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  const exp = failedAttempts - FREE_ATTEMPTS;
  return Math.min(60_000 * 2 ** Math.min(exp, 20), MAX_LOCK_MS);
}
