// The bot's own interface text (answers to questions live in knowledge/content as data).
// The texts are data (text/ui.json, Korean and English side by side); this module keeps the
// names the rest of the core calls them by.
import { defineCatalog, type Params } from './text/catalog';
import ui from './text/ui.json';
import type { Lang } from './types';

export { langFromLocale } from './text/locale';

export const UI_TEXT = defineCatalog('ui', ui);
export type MessageKey = (typeof UI_TEXT.keys)[number];

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return UI_TEXT.render(lang, key, params);
}

/** The Intl locale each language formats dates with. */
const INTL_LOCALE: Record<Lang, string> = { ko: 'ko-KR', en: 'en-GB' };

export function formatDateTime(d: Date, lang: Lang, timeZone = 'Asia/Seoul'): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(d);
}

export function formatDate(d: Date, lang: Lang, timeZone = 'Asia/Seoul'): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'medium', timeZone }).format(d);
}
