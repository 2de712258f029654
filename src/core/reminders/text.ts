// Everything reminders say: data in text.json, Korean and English side by side.
import { defineCatalog, type Params } from '../text/catalog';
import texts from './text.json';
import type { Lang } from './types';

export const REMINDER_TEXT = defineCatalog('reminders', texts);
export type ReminderTextKey = (typeof REMINDER_TEXT.keys)[number];

export function rt(lang: Lang, key: ReminderTextKey, params: Params = {}): string {
  return REMINDER_TEXT.render(lang, key, params);
}
