// The few words the Slack adapter says on its own (everything else comes from the core); the
// texts are data in strings.json, Korean and English side by side.
import { defineCatalog } from '../../core/text/catalog';
import { langFromLocale } from '../../core/text/locale';
import type { Lang } from '../../core/types';
import texts from './strings.json';

export const SLACK_TEXT = defineCatalog('slack', texts);
export type Strings = Record<(typeof SLACK_TEXT.keys)[number], string>;

const BY_LANG: Record<Lang, Strings> = { ko: SLACK_TEXT.all('ko'), en: SLACK_TEXT.all('en') };

/** Korean until the core has told us the language. */
export function strings(lang: Lang | undefined): Strings {
  return BY_LANG[lang ?? 'ko'];
}

/** A best guess before the core has told us the language: the core's locale mapping, Korean without a locale. */
export function langOfLocale(locale: string | undefined): Lang {
  return langFromLocale(locale) ?? 'ko';
}
