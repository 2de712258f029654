// Kind, fixed messages for every way a typed code can be wrong (never echo the input); the
// texts are data in text.json, Korean and English side by side.
import { defineCatalog } from '../text/catalog';
import type { CodeErrorKind, Lang } from './normalise';
import texts from './text.json';

// Every error kind has its message (a compile error otherwise).
const complete: Record<CodeErrorKind, unknown> = texts;
export const CODE_TEXT = defineCatalog('code', complete as typeof texts);

/** A kind, fixed message; never contains what the user typed. */
export function codeErrorMessage(kind: CodeErrorKind, lang: Lang): string {
  return CODE_TEXT.render(lang, CODE_TEXT.has(kind) ? kind : 'invalid');
}
