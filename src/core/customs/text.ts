// Interface text of the verify and parcel features: data in text.json (Korean and English side
// by side). UNI-PASS menu names stay in Korean in both languages so users can find them on the site.
import { type Bilingual, defineCatalog, type Params } from '../text/catalog';
import type { Lang } from '../types';
import texts from './text.json';

export const CUSTOMS_TEXT = defineCatalog('customs', texts);
export type TextKey = (typeof CUSTOMS_TEXT.keys)[number];

export function tx(lang: Lang, key: TextKey, params: Params = {}): string {
  return CUSTOMS_TEXT.render(lang, key, params);
}

/** The language's half of a message that was made in both (e.g. a UNI-PASS input error). */
export function pick(lang: Lang, b: Bilingual): string {
  return b[lang];
}
