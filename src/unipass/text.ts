// What the UNI-PASS layer says (input checks, cargo steps, mismatch advice): data in text.json,
// Korean and English side by side. UNI-PASS menu names stay in Korean in both languages so users
// can find them on the site.
import { defineCatalog } from '../core/text/catalog';
import texts from './text.json';

export const UNIPASS_TEXT = defineCatalog('unipass', texts);
export type UnipassTextKey = (typeof UNIPASS_TEXT.keys)[number];
