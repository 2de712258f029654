/** Kind, specific error messages for `/pccc remind` input (text.json, ko/en), with a working example. */
import type { ExpiryErrorKind } from './expiry';
import { isoDateText } from './format';
import { mayBeSecret, type RemindErrorKind } from './parse';
import type { PatchErrorKind } from './patch';
import { rt } from './text';
import texts from './text.json';
import type { Lang } from './types';

export type ReminderErrorKind = RemindErrorKind | PatchErrorKind | ExpiryErrorKind;

// Every error kind has its text (a compile error otherwise).
const COMPLETE: Record<ReminderErrorKind, unknown> = texts;

/** The user-facing message for any reminders input error. A detail that may be a code or phone is dropped. */
export function remindErrorMessage(kind: ReminderErrorKind, lang: Lang, detail = ''): string {
  const d = mayBeSecret(detail) ? '' : detail;
  const key = Object.hasOwn(COMPLETE, kind) ? kind : 'unknown-word';
  const date = kind === 'lapsed' && d ? isoDateText(d, lang) : rt(lang, 'unknownDate');
  return rt(lang, key, { q: d ? `'${d}'` : '', d, date });
}
