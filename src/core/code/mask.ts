// Masking for display (kept apart so find.ts and index.ts share it without a cycle).
import { isCustomsCode, normaliseCodeInput } from './normalise';
export { charKind, type CustomsCode } from './normalise';

/**
 * For display: "P12*******012". Shown: P, the first two digits (the issue year, so
 * a user can tell an old code from a reissued one) and the last three (enough to
 * recognise "which" code). Hidden: the seven serial digits in the middle, leaving
 * 10^7 possibilities. Anything that is not a valid code is masked entirely: it may
 * be a resident or phone number and must not be echoed even in part.
 */
export function maskCode(code: string): string {
  const n = typeof code === 'string' ? normaliseCodeInput(code) : '';
  return maskCodeStrict(n);
}

export function maskCodeStrict(n: string): string {
  if (!isCustomsCode(n)) return '*'.repeat(13);
  return `${n.slice(0, 3)}${'*'.repeat(7)}${n.slice(10)}`;
}
